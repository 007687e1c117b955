import type { AsyncJob, ProviderName } from './async-job';

/** Every kind of request error, as listed in the contract. */
export const ASYNC_JOB_ERROR_KINDS = [
  'invalid_request',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'rate_limited',
  'server_error',
  'network',
  'request_timeout',
  'invalid_response',
  'poll_timeout',
  'aborted',
  'config',
] as const;

export type AsyncJobErrorKind = (typeof ASYNC_JOB_ERROR_KINDS)[number];

/** A schema problem found in a vendor response, kept small and free of values. */
export interface ResponseIssue {
  readonly path: string;
  readonly message: string;
}

interface AsyncJobErrorFields {
  /** The adapter that made the request, or null when no vendor was involved (a bad ref, say). */
  readonly provider: ProviderName | null;
  readonly message: string;
  /** Whether the same request may succeed later. */
  readonly retryable: boolean;
  readonly httpStatus?: number;
  /** The vendor's error code, e.g. `api_key_expired`. */
  readonly code?: string;
  /** The vendor's request id, to quote when reporting a problem to them. */
  readonly requestId?: string;
  /** How long the vendor asked us to wait before the next request. */
  readonly retryAfterMs?: number;
  /** The config field at fault, e.g. `revor.apiKey`. */
  readonly field?: string;
  /** Schema problems of an `invalid_response`. */
  readonly issues?: readonly ResponseIssue[];
  /** A short description of the underlying failure (its name and message only; never a request or headers). */
  readonly cause?: { readonly name: string; readonly message: string };
}

/** Any error other than a poll timeout. */
export interface RequestError extends AsyncJobErrorFields {
  readonly kind: Exclude<AsyncJobErrorKind, 'poll_timeout'>;
}

/** The poll deadline passed; `lastJob` is the last snapshot seen, if any. */
export interface PollTimeoutError extends AsyncJobErrorFields {
  readonly kind: 'poll_timeout';
  readonly lastJob: AsyncJob | null;
}

/**
 * Why we could not find out a job's state (or create it). A plain readonly object: it serializes to JSON
 * and never holds an API key or auth header.
 */
export type AsyncJobError = RequestError | PollTimeoutError;

/** The optional details a constructor accepts. */
export type AsyncJobErrorDetails = Partial<Omit<AsyncJobErrorFields, 'message' | 'retryable'>> & {
  readonly retryable?: boolean;
};

const DEFAULT_RETRYABLE: Record<AsyncJobErrorKind, boolean> = {
  invalid_request: false,
  unauthorized: false,
  forbidden: false,
  not_found: false,
  conflict: false,
  rate_limited: true,
  server_error: true,
  network: true,
  request_timeout: true,
  invalid_response: false,
  poll_timeout: false,
  aborted: false,
  config: false,
};

/** Builds an error of any kind except `poll_timeout`, with the kind's default `retryable`. */
export function asyncJobError(
  kind: RequestError['kind'],
  message: string,
  details: AsyncJobErrorDetails = {},
): RequestError {
  const { provider = null, retryable = DEFAULT_RETRYABLE[kind], ...rest } = details;
  return withoutUndefined({ kind, provider, message, retryable, ...rest });
}

/** A bad config value or ref; `field` names what is wrong. */
export function configError(
  message: string,
  field?: string,
  provider: ProviderName | null = null,
): RequestError {
  return asyncJobError('config', message, { provider, field });
}

/** The caller's AbortSignal fired. */
export function abortedError(provider: ProviderName | null = null): RequestError {
  return asyncJobError('aborted', 'The operation was aborted by the caller.', { provider });
}

/** The poll deadline passed before the job reached a terminal status. */
export function pollTimeoutError(provider: ProviderName | null, lastJob: AsyncJob | null): PollTimeoutError {
  const seen = lastJob ? ` (last status: ${lastJob.status}, vendor status "${lastJob.rawStatus}")` : '';
  return {
    kind: 'poll_timeout',
    provider,
    message: `The job did not finish before the deadline${seen}.`,
    retryable: false,
    lastJob,
  };
}

/** Whether a value is an `AsyncJobError` (for code that receives unknown values, e.g. from JSON). */
export function isAsyncJobError(value: unknown): value is AsyncJobError {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { kind?: unknown; message?: unknown };
  return (
    typeof candidate.message === 'string' &&
    (ASYNC_JOB_ERROR_KINDS as readonly string[]).includes(candidate.kind as string)
  );
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}
