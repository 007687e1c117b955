import ky, { type KyInstance } from 'ky';
import { ok, type Result } from 'neverthrow';
import type { ProviderName } from '../async-job';
import type { RequestError } from '../async-job-error';
import { normalizeBaseUrl } from './base-url';
import type { ErrorContext, ReadVendorError } from './to-async-job-error';

/** How a create with an idempotency key is retried. */
export interface CreateRetryOptions {
  /** Retries after the first attempt. @default 2 */
  readonly limit?: number;
  /** The first retry's delay; doubles each time, with full jitter. @default 300 */
  readonly delayMs?: number;
  /** The longest Retry-After we wait for inside one create; a longer one returns the 429. @default 30000 */
  readonly maxRetryAfterMs?: number;
}

/** What an adapter passes to build its HTTP client. */
export interface HttpClientOptions {
  readonly provider: ProviderName;
  readonly baseUrl: string;
  /** Which setting the base URL came from, for error messages. */
  readonly baseUrlField?: string;
  /** Auth and custom headers, sent on every request. */
  readonly headers: Readonly<Record<string, string>>;
  /** Values that must never appear in an error (keys, tokens). */
  readonly secrets: readonly string[];
  /** Timeout of one HTTP request. @default 30000 */
  readonly timeoutMs?: number;
  /** A fetch implementation, e.g. for a proxy or tests. @default globalThis.fetch */
  readonly fetch?: typeof globalThis.fetch;
  readonly readError: ReadVendorError;
  /** Reads a request id from a success body (Revor puts one in every envelope). */
  readonly readRequestId?: (body: unknown) => string | undefined;
  readonly createRetry?: CreateRetryOptions;
  /** The clock for hints. @default Date.now */
  readonly now?: () => number;
}

/** One vendor's HTTP client: a ky instance plus what the shared request and error code need. */
export interface HttpClient {
  readonly ky: KyInstance;
  readonly context: ErrorContext;
  readonly timeoutMs: number;
  readonly readError: ReadVendorError;
  readonly readRequestId: (body: unknown) => string | undefined;
  readonly now: () => number;
  /** ky's retry option for creates that carry an idempotency key. */
  readonly idempotentRetry: Exclude<Parameters<KyInstance>[1], undefined>['retry'];
}

const USER_AGENT = 'asyncjob/0.1 (+https://www.npmjs.com/package/@asyncjob/core)';

/**
 * Creates the ky instance of one client. Fails with a `config` error for a malformed or insecure base URL.
 *
 * Who retries what, decided here once so that retries never multiply:
 * - lookups (GET) are never retried by ky (`retry: 0` below). The poller and the tracker own waiting: they
 *   retry retryable errors within their deadline, back off on Retry-After, and count every request against the
 *   shared rate budget, which a hidden retry underneath would bypass;
 * - a create is retried here only when its adapter sends an `Idempotency-Key` (`retry: 'idempotent'` in
 *   `requestJson`). ky resends the same Request, so every attempt carries the same key and the vendor creates
 *   one job. Creates without an idempotency key (OutX, Oration) are never retried automatically.
 */
export function createHttpClient(options: HttpClientOptions): Result<HttpClient, RequestError> {
  return normalizeBaseUrl(options.baseUrl, options.provider, options.baseUrlField).andThen((prefixUrl) => {
    const timeoutMs = options.timeoutMs ?? 30_000;
    const retry = options.createRetry ?? {};
    const baseDelayMs = retry.delayMs ?? 300;
    const instance = ky.create({
      prefixUrl,
      headers: { 'user-agent': USER_AGENT, accept: 'application/json', ...options.headers },
      timeout: timeoutMs,
      retry: 0,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
    return ok({
      ky: instance,
      // Headers trim their values, so a key read with a trailing newline is sent (and may be echoed) trimmed.
      context: {
        provider: options.provider,
        secrets: options.secrets.flatMap((secret) => [secret, secret.trim()]).filter(Boolean),
      },
      timeoutMs,
      readError: options.readError,
      readRequestId: options.readRequestId ?? (() => undefined),
      now: options.now ?? Date.now,
      idempotentRetry: {
        limit: retry.limit ?? 2,
        methods: ['post', 'put', 'patch'],
        statusCodes: [408, 429, 500, 502, 503, 504],
        afterStatusCodes: [429, 503],
        maxRetryAfter: retry.maxRetryAfterMs ?? 30_000,
        retryOnTimeout: true,
        delay: (attemptCount: number) => baseDelayMs * 2 ** (attemptCount - 1),
        jitter: true,
        backoffLimit: 10_000,
      },
    });
  });
}
