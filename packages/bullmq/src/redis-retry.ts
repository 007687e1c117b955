import {
  type AsyncJobError,
  abortedError,
  type BackoffOptions,
  backoffDelay,
  type Delay,
  timerDelay,
} from '@asyncjob/core';
import { err, ok, type Result, ResultAsync } from 'neverthrow';
import { toRedisError } from './redis-error';

/** How Redis operations back off: from 100 ms up to 2 s, spread with full jitter. */
export const REDIS_BACKOFF: BackoffOptions = {
  minDelayMs: 100,
  maxDelayMs: 2000,
  initialDelayMs: 200,
  factor: 2,
  jitter: 'full',
  finalCheckLeadMs: 0,
};

/** Options of `retryRedis`. */
export interface RedisRetryOptions {
  /** Give up (returning the last error) once this much time has passed. */
  readonly maxElapsedMs: number;
  /** Called with every failure, retried or not. */
  readonly onError?: (error: AsyncJobError) => void;
  readonly signal?: AbortSignal;
  readonly now?: () => number;
  readonly delay?: Delay;
  readonly random?: () => number;
}

/**
 * Runs a Redis operation until it works, retrying retryable failures with backoff for up to `maxElapsedMs`.
 * Never rejects: a failure is an `AsyncJobError` from `toRedisError`, an abort is `aborted`.
 */
export function retryRedis<T>(
  action: string,
  operation: () => Promise<T>,
  options: RedisRetryOptions,
): ResultAsync<T, AsyncJobError> {
  const now = options.now ?? Date.now;
  const delay = options.delay ?? timerDelay;
  const random = options.random ?? Math.random;
  const run = async (): Promise<Result<T, AsyncJobError>> => {
    const startedAt = now();
    for (let attempt = 0; ; attempt += 1) {
      if (options.signal?.aborted) return err(abortedError());
      try {
        return ok(await operation());
      } catch (thrown) {
        const error = toRedisError(thrown, action);
        options.onError?.(error);
        const waitMs = backoffDelay(attempt, REDIS_BACKOFF, random);
        if (!error.retryable || now() + waitMs - startedAt > options.maxElapsedMs) return err(error);
        await delay(waitMs, options.signal);
      }
    }
  };
  return new ResultAsync(run());
}
