import { HTTPError, TimeoutError } from 'ky';
import type { z } from 'zod';
import type { ProviderName } from '../async-job';
import { abortedError, asyncJobError, type RequestError, type ResponseIssue } from '../async-job-error';
import { type ResponseHints, rateLimitWaitMs } from '../response-hints';
import { redactSecrets } from './redact';

/** What an adapter read from a vendor's error body. Every field is optional: bodies may be HTML or empty. */
export interface VendorErrorInfo {
  readonly code?: string;
  readonly message?: string;
  readonly requestId?: string;
}

/** An adapter's reader of its vendor's error body; it gets `undefined` when the body was not JSON. */
export type ReadVendorError = (body: unknown) => VendorErrorInfo;

/** What the classifier needs to know about the request that failed. */
export interface ErrorContext {
  readonly provider: ProviderName;
  /** Values that must never appear in an error (the API key, tokens). */
  readonly secrets: readonly string[];
}

/** The status → kind table of the contract. */
export function kindForHttpStatus(status: number): RequestError['kind'] {
  if (status === 400 || status === 422) return 'invalid_request';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404 || status === 410) return 'not_found';
  if (status === 408) return 'request_timeout';
  if (status === 409) return 'conflict';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'server_error';
  return 'invalid_request';
}

/** Codes that make an otherwise final conflict worth retrying. */
const RETRYABLE_CONFLICT_CODES = new Set(['idempotency_in_progress']);

/** Turns a non-2xx response into an error: the kind from the status, the details from the vendor's body. */
export function errorFromHttpResponse(
  context: ErrorContext,
  hints: ResponseHints,
  vendor: VendorErrorInfo,
): RequestError {
  const status = hints.httpStatus;
  const kind = kindForHttpStatus(status);
  const retryAfterMs =
    hints.retryAfterMs ?? (kind === 'rate_limited' ? rateLimitWaitMs(hints.rateLimit) : undefined);
  const retryable = kind === 'conflict' ? RETRYABLE_CONFLICT_CODES.has(vendor.code ?? '') : undefined;
  const detail = [vendor.code, vendor.message && vendor.message !== vendor.code ? vendor.message : undefined]
    .filter(Boolean)
    .join(': ');
  const message = redactSecrets(
    `${context.provider} answered HTTP ${status}${detail ? ` (${detail})` : ''}.`,
    context.secrets,
  );
  return asyncJobError(kind, message, {
    provider: context.provider,
    httpStatus: status,
    code: vendor.code ? redactSecrets(vendor.code, context.secrets) : undefined,
    requestId: redactOptional(vendor.requestId ?? hints.requestId, context.secrets),
    retryAfterMs,
    retryable,
  });
}

/** A 2xx body that is not JSON (a truncated body, a proxy's page): transient, worth retrying. */
export function notJsonError(context: ErrorContext, hints: ResponseHints): RequestError {
  return asyncJobError(
    'invalid_response',
    `${context.provider} answered HTTP ${hints.httpStatus} with a body that is not JSON.`,
    {
      provider: context.provider,
      httpStatus: hints.httpStatus,
      requestId: hints.requestId,
      retryable: true,
    },
  );
}

/** JSON that does not have the documented shape: schema drift, not worth retrying. */
export function schemaMismatchError(
  context: ErrorContext,
  hints: ResponseHints,
  error: z.ZodError,
): RequestError {
  const issues: ResponseIssue[] = error.issues.slice(0, 10).map((issue) => ({
    path: issue.path.map(String).join('.') || '(root)',
    message: redactSecrets(issue.message, context.secrets),
  }));
  const first = issues[0];
  return asyncJobError(
    'invalid_response',
    `${context.provider} answered with JSON of an unexpected shape${first ? ` (${first.path}: ${first.message})` : ''}.`,
    {
      provider: context.provider,
      httpStatus: hints.httpStatus,
      requestId: hints.requestId,
      issues,
      retryable: false,
    },
  );
}

/**
 * The one classifier of thrown failures (ky, fetch, abort). HTTP errors are read by the caller first (their body
 * needs an await); anything else is named by its type. Only the error's name and a redacted message are kept:
 * ky's errors hold the request, and with it the auth headers.
 */
export function toAsyncJobError(thrown: unknown, context: ErrorContext, signal?: AbortSignal): RequestError {
  const cause = describe(thrown, context.secrets);
  if (signal?.aborted) return abortedError(context.provider);
  if (thrown instanceof TimeoutError) {
    return asyncJobError('request_timeout', `${context.provider} did not answer in time.`, {
      provider: context.provider,
      cause,
    });
  }
  if (thrown instanceof HTTPError) {
    return asyncJobError(
      kindForHttpStatus(thrown.response.status),
      `${context.provider} answered HTTP ${thrown.response.status}.`,
      {
        provider: context.provider,
        httpStatus: thrown.response.status,
        cause,
      },
    );
  }
  if (cause.name === 'AbortError') return abortedError(context.provider);
  // Node's fetch reports refused, reset and DNS failures as a TypeError ("fetch failed") with the reason in `cause`.
  if (thrown instanceof TypeError) {
    const reason = (thrown as { cause?: unknown }).cause;
    const detail = reason instanceof Error ? describe(reason, context.secrets).message : cause.message;
    return asyncJobError('network', `Could not reach ${context.provider}: ${detail}`, {
      provider: context.provider,
      cause,
    });
  }
  return asyncJobError('network', `The request to ${context.provider} failed: ${cause.message}`, {
    provider: context.provider,
    cause,
  });
}

function redactOptional(value: string | undefined, secrets: readonly string[]): string | undefined {
  return value === undefined ? undefined : redactSecrets(value, secrets);
}

function describe(thrown: unknown, secrets: readonly string[]): { name: string; message: string } {
  if (thrown instanceof Error) {
    const code = (thrown as { code?: unknown }).code;
    const message =
      typeof code === 'string' && !thrown.message.includes(code)
        ? `${thrown.message} (${code})`
        : thrown.message;
    return { name: thrown.name, message: redactSecrets(message, secrets) };
  }
  return { name: 'NonError', message: redactSecrets(String(thrown), secrets) };
}
