import type { Result, ResultAsync } from 'neverthrow';
import type { AsyncJob, ProviderName } from './async-job';
import type { AsyncJobError } from './async-job-error';
import type { ResponseHints } from './response-hints';

/** Options of one request to a vendor. */
export interface RequestOptions {
  /** Cancels the request. */
  readonly signal?: AbortSignal;
  /** A tighter timeout for this request than the client's (the poller passes the time left to its deadline). */
  readonly timeoutMs?: number;
  /** Called with what the response's headers said (rate limits, Retry-After, request id), error or not. */
  readonly onResponse?: (hints: ResponseHints) => void;
}

/** Options of a create request. */
export interface SubmitOptions extends RequestOptions {
  /**
   * Sent as `Idempotency-Key` to vendors that support one. When omitted, such adapters generate one per call
   * and reuse it for every retry of that call.
   */
  readonly idempotencyKey?: string;
}

/** How a provider would like to be polled; the poller starts from this. */
export interface PollingAdvice {
  /** The vendor's recommended interval, or ours where it gives none. */
  readonly defaultDelayMs: number;
  /** Never poll more often than this. */
  readonly minDelayMs?: number;
  /** Back off no further than this. */
  readonly maxDelayMs?: number;
}

/**
 * What every adapter implements: the poller, the tracker, the registry and the CLI use only this.
 * Adapters never loop or sleep.
 */
export interface AsyncJobClient<TResult = unknown> {
  readonly provider: ProviderName;
  readonly pollingAdvice: PollingAdvice;
  /** Looks a job up once. A failed job is `Ok` with `status: 'failed'`. */
  get(id: string, options?: RequestOptions): ResultAsync<AsyncJob<TResult>, AsyncJobError>;
  /** Cancels a job, where the vendor supports it. */
  cancel?(id: string, options?: RequestOptions): ResultAsync<AsyncJob<TResult>, AsyncJobError>;
  /** The operation names `submit` accepts (e.g. `dispatch`, `fetch-profile`). */
  readonly operations: readonly string[];
  /**
   * Creates a job from untyped input (the CLI's `submit`); the input is validated against the operation's
   * schema. Typed per-operation methods live on each adapter.
   */
  submit(
    operation: string,
    input: unknown,
    options?: SubmitOptions,
  ): ResultAsync<AsyncJob<TResult>, AsyncJobError>;
  /** Checks the id part of a ref (`revkeen` needs `automation/run`). */
  parseId(id: string): Result<string, AsyncJobError>;
}
