import { err, errAsync, ok, type Result, ResultAsync } from 'neverthrow';
import type { AsyncJob } from './async-job';
import type { AsyncJobClient } from './async-job-client';
import {
  type AsyncJobError,
  abortedError,
  configError,
  pollTimeoutError,
  type RequestError,
} from './async-job-error';
import { type Delay, linkSignal, timerDelay } from './delay';
import { type BackoffOptions, computeNextDelay, type DelayReason, resolveBackoff } from './next-delay';
import type { ResponseHints } from './response-hints';
import { callHook } from './safe-call';

/** The default deadline of a wait when neither `timeoutMs` nor `deadline` is given. */
export const DEFAULT_WAIT_TIMEOUT_MS = 10 * 60_000;

/** Options of `waitForJob` and `watchJob`. */
export interface WaitOptions<TResult = unknown> {
  /** Shortest wait between checks. @default the provider's advice, else 500 */
  readonly minDelayMs?: number;
  /** Longest wait the backoff grows to. @default the provider's advice, else 30000 */
  readonly maxDelayMs?: number;
  /** The first wait's ceiling. @default the provider's advice (OutX: 5000) */
  readonly initialDelayMs?: number;
  /** Growth of the backoff ceiling per check. @default 1.6 */
  readonly factor?: number;
  /** @default 'full' */
  readonly jitter?: 'full' | 'none';
  /** Give up after this long. `Infinity` waits without a deadline. @default 600000 (10 minutes) */
  readonly timeoutMs?: number;
  /** Give up at this time; takes precedence over `timeoutMs`. */
  readonly deadline?: Date | number;
  /** Cancels the wait, the request in flight and the timer. */
  readonly signal?: AbortSignal;
  /** A snapshot already in hand (a create's response): a terminal one ends the wait without a request. */
  readonly initialJob?: AsyncJob<TResult>;
  /** Called with every snapshot fetched. */
  readonly onUpdate?: (job: AsyncJob<TResult>) => void;
  /** Called when the normalized status changes (the first snapshot counts, with `previous` null). */
  readonly onStatusChange?: (job: AsyncJob<TResult>, previous: AsyncJob<TResult> | null) => void;
  /** Called once per vendor status word the adapter does not know. */
  readonly onUnknownStatus?: (job: AsyncJob<TResult>) => void;
  /** Called when a check failed with a retryable error and the wait goes on. */
  readonly onRetry?: (error: AsyncJobError, attempt: number) => void;
  /** Called before each wait, with how long and why. */
  readonly onDelay?: (delayMs: number, reason: DelayReason) => void;
  /** The clock. @default Date.now */
  readonly now?: () => number;
  /** The sleep. @default a real, abortable timer */
  readonly delay?: Delay;
  /** @default Math.random */
  readonly random?: () => number;
  /** How long before the deadline the last check goes out. @default 250 */
  readonly finalCheckLeadMs?: number;
}

/** One step of a wait, as the polling loop reports it. */
type PollEvent<TResult> = { readonly job: AsyncJob<TResult>; readonly changed: boolean };

/**
 * The only polling loop in the repository. It yields every snapshot and returns how the wait ended:
 * `Ok(job)` at the first terminal status, or `Err` for a final error, the deadline, or an abort.
 * Nothing is pending while it is suspended at a `yield`, so a consumer that stops early leaks nothing.
 */
async function* pollJob<TResult>(
  client: AsyncJobClient<TResult>,
  id: string,
  options: WaitOptions<TResult>,
): AsyncGenerator<PollEvent<TResult>, Result<AsyncJob<TResult>, AsyncJobError>> {
  const now = options.now ?? Date.now;
  const delay = options.delay ?? timerDelay;
  const random = options.random ?? Math.random;
  const backoff: BackoffOptions = resolveBackoff(client.pollingAdvice, options);
  const deadline = resolveDeadline(options, now());
  const link = linkSignal(options.signal);
  const signal = link.signal;
  const unknownSeen = new Set<string>();
  let last: AsyncJob<TResult> | null = null;
  let attempt = 0;
  let finalCheckDone = false;

  const record = (job: AsyncJob<TResult>): boolean => {
    const previous = last;
    last = job;
    callHook(options.onUpdate, job);
    if (job.status === 'unknown' && !unknownSeen.has(job.rawStatus)) {
      unknownSeen.add(job.rawStatus);
      callHook(options.onUnknownStatus, job);
    }
    if (previous === null || previous.status !== job.status) {
      attempt = 0;
      callHook(options.onStatusChange, job, previous);
      return true;
    }
    attempt += 1;
    return fingerprint(previous) !== fingerprint(job);
  };

  try {
    let error: AsyncJobError | null = null;
    let hints: ResponseHints | null = null;
    if (options.initialJob) {
      const changed = record(options.initialJob);
      yield { job: options.initialJob, changed };
      if (options.initialJob.terminal) return ok(options.initialJob);
    }
    // With a snapshot in hand, the first check waits like any later one (a scheduled job is not checked early).
    let checkNow = options.initialJob === undefined;
    for (;;) {
      if (!checkNow) {
        const next = computeNextDelay({
          attempt,
          job: last,
          error,
          hints,
          backoff,
          now: now(),
          deadline,
          random,
        });
        if (next.kind === 'stop' || finalCheckDone) return err(pollTimeoutError(client.provider, last));
        if (next.reason === 'final_check') finalCheckDone = true;
        callHook(options.onDelay, next.delayMs, next.reason);
        await delay(next.delayMs, signal);
      }
      checkNow = false;
      if (signal.aborted) return err(abortedError(client.provider));
      error = null;
      hints = null;
      const remaining = deadline === null ? undefined : Math.max(1, deadline - now());
      const result = await client.get(id, {
        signal,
        timeoutMs: remaining,
        onResponse: (received) => {
          hints = received;
        },
      });
      if (signal.aborted) return err(abortedError(client.provider));
      if (result.isErr()) {
        if (!result.error.retryable) return err(result.error);
        error = result.error;
        attempt += 1;
        callHook(options.onRetry, result.error, attempt);
        continue;
      }
      const job = result.value;
      const changed = record(job);
      yield { job, changed };
      if (job.terminal) return ok(job);
    }
  } finally {
    link.dispose();
  }
}

/**
 * Polls a job until it reaches a terminal status. `Ok(job)` for succeeded, failed and cancelled alike (a failed
 * job is data); `Err` with `poll_timeout` (carrying the last snapshot), `aborted`, or the first error that is
 * not retryable. Retryable errors are retried until the deadline.
 */
export function waitForJob<TResult>(
  client: AsyncJobClient<TResult>,
  id: string,
  options: WaitOptions<TResult> = {},
): ResultAsync<AsyncJob<TResult>, AsyncJobError> {
  const invalid = checkDeadlineOptions(options);
  if (invalid) return errAsync(invalid);
  const run = async (): Promise<Result<AsyncJob<TResult>, AsyncJobError>> => {
    const loop = pollJob(client, id, options);
    for (;;) {
      const step = await loop.next();
      if (step.done) return step.value;
    }
  };
  return new ResultAsync(run());
}

/**
 * The same wait as an async iterable: `Ok(job)` for each snapshot that differs from the one before, ending
 * after the terminal one; or a last `Err` when the wait fails. Breaking out of the loop stops polling at once.
 */
export async function* watchJob<TResult>(
  client: AsyncJobClient<TResult>,
  id: string,
  options: WaitOptions<TResult> = {},
): AsyncGenerator<Result<AsyncJob<TResult>, AsyncJobError>, void, undefined> {
  const invalid = checkDeadlineOptions(options);
  if (invalid) {
    yield err(invalid);
    return;
  }
  const loop = pollJob(client, id, options);
  try {
    for (;;) {
      const step = await loop.next();
      if (step.done) {
        if (step.value.isErr()) yield err(step.value.error);
        return;
      }
      if (step.value.changed) yield ok(step.value.job);
    }
  } finally {
    await loop.return(err(abortedError(client.provider)));
  }
}

/** A deadline or timeout that is not a number of milliseconds (NaN, an Invalid Date) would never end a wait. */
export function checkDeadlineOptions(
  options: Pick<WaitOptions, 'deadline' | 'timeoutMs'>,
): RequestError | null {
  if (options.deadline !== undefined) {
    const at = options.deadline instanceof Date ? options.deadline.getTime() : options.deadline;
    if (typeof at !== 'number' || Number.isNaN(at)) {
      return configError('deadline must be a valid Date or a number of epoch milliseconds.', 'deadline');
    }
  }
  const timeoutMs = options.timeoutMs;
  if (
    timeoutMs !== undefined &&
    (typeof timeoutMs !== 'number' || Number.isNaN(timeoutMs) || timeoutMs < 0)
  ) {
    return configError(
      'timeoutMs must be a number of milliseconds, 0 or more (Infinity for no deadline).',
      'timeoutMs',
    );
  }
  return null;
}

function resolveDeadline(
  options: Pick<WaitOptions, 'deadline' | 'timeoutMs'>,
  startedAt: number,
): number | null {
  if (options.deadline !== undefined) {
    return options.deadline instanceof Date ? options.deadline.getTime() : options.deadline;
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_WAIT_TIMEOUT_MS;
  return Number.isFinite(timeoutMs) ? startedAt + timeoutMs : null;
}

function fingerprint(job: AsyncJob<unknown>): string {
  const time = (date: Date | null) => (date ? date.getTime() : '');
  return [
    job.status,
    job.rawStatus,
    time(job.updatedAt),
    time(job.scheduledAt),
    time(job.startedAt),
    time(job.nextAttemptAt),
    job.attempts ?? '',
  ].join('|');
}
