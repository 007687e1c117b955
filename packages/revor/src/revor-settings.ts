import { configError, type RequestError } from '@asyncjob/core';
import type { CreateRetryOptions } from '@asyncjob/core/http';
import { err, ok, type Result } from 'neverthrow';
import { z } from 'zod';
import type { RevorApiVersion } from './revor-api';

/** How the API key is sent: `Authorization: Bearer <key>` (Revor's recommendation) or `x-api-key: <key>`. */
export type RevorAuthScheme = 'bearer' | 'x-api-key';

/** Settings of `createRevor`. Every field is optional. */
export interface RevorSettings {
  /**
   * The API key (`sk-revor-…`). Never appears in an error or a job.
   * @default process.env.REVOR_API_KEY, read on the first request
   */
  readonly apiKey?: string;
  /**
   * The API base, e.g. a proxy's or the simulator's. `http://` is accepted only for loopback hosts.
   * @default process.env.REVOR_BASE_URL, else `https://revor.ai/api/v1` (`https://revor.ai/api/v2` for apiVersion v2)
   */
  readonly baseUrl?: string;
  /**
   * Which path table to use: v1 looks jobs up at `/outreach/jobs/{id}`, v2 at `/jobs/{id}`.
   * @default 'v1'
   */
  readonly apiVersion?: RevorApiVersion;
  /** @default 'bearer' */
  readonly authScheme?: RevorAuthScheme;
  /**
   * Extra headers sent on every request. `Authorization` and `x-api-key` are ignored here: the key goes in `apiKey`.
   * @default {}
   */
  readonly headers?: Readonly<Record<string, string>>;
  /** A fetch implementation, e.g. for a proxy or tests. @default globalThis.fetch */
  readonly fetch?: typeof globalThis.fetch;
  /** Timeout of one HTTP request. @default 30000 */
  readonly timeoutMs?: number;
  /**
   * Retries of a create after a dropped connection, a timeout, 429 or 5xx; every attempt carries the same
   * `Idempotency-Key`, so Revor creates one task. Lookups are never retried here (the poller owns waiting).
   * @default { limit: 2, delayMs: 300, maxRetryAfterMs: 30000 }
   */
  readonly createRetry?: CreateRetryOptions;
  /** Accepted so that a validated `RevorConfig` can be passed as is. */
  readonly provider?: 'revor';
}

/** The base URL of each API version. */
export const DEFAULT_REVOR_BASE_URLS = {
  v1: 'https://revor.ai/api/v1',
  v2: 'https://revor.ai/api/v2',
} as const satisfies Record<RevorApiVersion, string>;

/** The environment variables `createRevor` falls back to. */
export const REVOR_ENVIRONMENT = { apiKey: 'REVOR_API_KEY', baseUrl: 'REVOR_BASE_URL' } as const;

const headerValue = /^[\t\x20-\x7e\x80-\xff]*$/;
const headerName = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

const revorSettingsSchema = z.strictObject({
  provider: z.literal('revor').optional(),
  apiKey: z.string().optional(),
  baseUrl: z.string().min(1, 'must not be empty').optional(),
  apiVersion: z.enum(['v1', 'v2']).optional(),
  authScheme: z.enum(['bearer', 'x-api-key']).optional(),
  headers: z
    .record(
      z.string().regex(headerName, 'is not a valid header name'),
      z.string().regex(headerValue, 'must not contain line breaks or non-Latin-1 characters'),
    )
    .optional(),
  fetch: z
    .custom<typeof globalThis.fetch>((value) => typeof value === 'function', 'must be a function')
    .optional(),
  timeoutMs: z.number().int().positive().max(2_147_483_647).optional(),
  createRetry: z
    .strictObject({
      limit: z.number().int().min(0).max(10).optional(),
      delayMs: z.number().min(0).optional(),
      maxRetryAfterMs: z.number().min(0).optional(),
    })
    .optional(),
});

/** Settings after validation, with defaults applied (the key and base URL are resolved per request). */
export type ParsedRevorSettings = z.output<typeof revorSettingsSchema> & {
  readonly apiVersion: RevorApiVersion;
  readonly authScheme: RevorAuthScheme;
};

/** What one client needs to talk to Revor: resolved on the first request. */
export interface RevorConnection {
  readonly apiKey: string;
  readonly baseUrl: string;
  /** Where the base URL came from, for error messages: `revor.baseUrl` or `REVOR_BASE_URL`. */
  readonly baseUrlField: string;
  /** Custom headers plus the auth header. */
  readonly headers: Readonly<Record<string, string>>;
}

/** Validates settings; a `config` error names the first bad field (`revor.timeoutMs`). Never throws. */
export function parseRevorSettings(settings: unknown): Result<ParsedRevorSettings, RequestError> {
  const parsed = revorSettingsSchema.safeParse(settings ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.map(String).join('.');
    const field = path ? `revor.${path}` : 'revor';
    // Zod's messages name types and bounds, never values, so no key can leak through them.
    return err(configError(`${field} ${issue?.message ?? 'is invalid'}.`, field, 'revor'));
  }
  return ok({
    ...parsed.data,
    apiVersion: parsed.data.apiVersion ?? 'v1',
    authScheme: parsed.data.authScheme ?? 'bearer',
  });
}

/**
 * Finds the key and base URL (settings first, then the environment) and builds the headers. Called on the first
 * request rather than at creation, so a key set after import is still found.
 */
export function resolveRevorConnection(
  settings: ParsedRevorSettings,
  env: Readonly<Record<string, string | undefined>>,
): Result<RevorConnection, RequestError> {
  const apiKey = (settings.apiKey ?? env[REVOR_ENVIRONMENT.apiKey] ?? '').trim();
  if (apiKey === '') {
    return err(
      configError(
        `revor.apiKey is required: pass apiKey or set ${REVOR_ENVIRONMENT.apiKey}.`,
        'revor.apiKey',
        'revor',
      ),
    );
  }
  if (!/^[\x21-\x7e]+$/.test(apiKey)) {
    return err(configError('revor.apiKey must be printable ASCII without spaces.', 'revor.apiKey', 'revor'));
  }
  const envBaseUrl = env[REVOR_ENVIRONMENT.baseUrl]?.trim() || undefined;
  const baseUrl = settings.baseUrl ?? envBaseUrl ?? DEFAULT_REVOR_BASE_URLS[settings.apiVersion];
  const baseUrlField =
    settings.baseUrl === undefined && envBaseUrl !== undefined ? REVOR_ENVIRONMENT.baseUrl : 'revor.baseUrl';
  const custom = Object.entries(settings.headers ?? {}).filter(
    ([name]) => !['authorization', 'x-api-key'].includes(name.toLowerCase()),
  );
  const auth: Record<string, string> =
    settings.authScheme === 'x-api-key' ? { 'x-api-key': apiKey } : { authorization: `Bearer ${apiKey}` };
  return ok({ apiKey, baseUrl, baseUrlField, headers: { ...Object.fromEntries(custom), ...auth } });
}

/** The process environment where there is one (not in browsers or some edge runtimes). */
export function readEnvironment(): Readonly<Record<string, string | undefined>> {
  return (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env ?? {};
}
