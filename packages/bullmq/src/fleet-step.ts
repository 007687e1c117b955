import {
  type AsyncJob,
  type AsyncJobError,
  type BackoffOptions,
  computeNextDelay,
  type DelayReason,
  type ProviderName,
  pollTimeoutError,
  type ResponseHints,
  rateLimitWaitMs,
  serverHint,
} from '@asyncjob/core';
import { err, ok, type Result } from 'neverthrow';
import { type FleetJobData, lastJobOf, lastSeenOf } from './fleet-job-data';

/** A 429 that says nothing about when to come back pauses the key this long. */
export const DEFAULT_RATE_LIMIT_PAUSE_MS = 1000;

/** Every worker of a provider waits this long before its next check (BullMQ's manual rate limit). */
export interface KeyPause {
  readonly pauseMs: number;
  readonly reason: 'http_429' | 'window_exhausted';
}

/** What one check leads to. */
export type StepDecision =
  /** The job is done (terminal, a final error, or the deadline): record the outcome once. */
  | {
      readonly kind: 'settle';
      readonly result: Result<AsyncJob, AsyncJobError>;
      readonly data: FleetJobData;
      readonly pause: KeyPause | null;
    }
  /** Check again after `delayMs` (the job goes to BullMQ's delayed set). */
  | {
      readonly kind: 'delay';
      readonly delayMs: number;
      readonly reason: DelayReason;
      readonly data: FleetJobData;
      readonly pause: KeyPause | null;
    }
  /** The vendor refused the check (429): the job goes back to the queue and the whole key pauses. */
  | { readonly kind: 'rate_limited'; readonly data: FleetJobData; readonly pause: KeyPause };

/** Everything one step depends on; the function is pure, so it is tested as a table. */
export interface StepInput {
  readonly data: FleetJobData;
  readonly provider: ProviderName;
  readonly id: string;
  /** The check's answer. */
  readonly result: Result<AsyncJob, AsyncJobError>;
  /** What the response's headers said, when there was a response. */
  readonly hints: ResponseHints | null;
  readonly backoff: BackoffOptions;
  readonly now: number;
  readonly random: () => number;
}

/**
 * Whether a response tells every worker of its key to stop: a 429 (for as long as Retry-After or the rate
 * headers say) or a rate window with nothing left.
 */
export function keyPauseOf(
  result: Result<AsyncJob, AsyncJobError>,
  hints: ResponseHints | null,
  now: number,
): KeyPause | null {
  const error = result.isErr() ? result.error : null;
  if (error?.kind === 'rate_limited' || hints?.httpStatus === 429) {
    const hint = serverHint({ job: null, error, hints, now });
    return { pauseMs: Math.ceil(hint?.delayMs ?? DEFAULT_RATE_LIMIT_PAUSE_MS), reason: 'http_429' };
  }
  const windowWait = rateLimitWaitMs(hints?.rateLimit);
  return windowWait === undefined || windowWait <= 0
    ? null
    : { pauseMs: Math.ceil(windowWait), reason: 'window_exhausted' };
}

/**
 * Decides what follows one check, with the same rules as the single-process tracker: a terminal job or an error
 * that is not retryable settles; anything else is checked again after `computeNextDelay`; the deadline ends it
 * with `poll_timeout` (after one last check).
 */
export function decideStep(input: StepInput): StepDecision {
  const { data, result } = input;
  const pause = keyPauseOf(result, input.hints, input.now);
  const checks = data.checks + 1;
  if (result.isErr()) {
    const error = result.error;
    const next: FleetJobData = { ...data, checks, attempt: data.attempt + 1 };
    if (!error.retryable) return { kind: 'settle', result: err(error), data: next, pause };
    const lastJob = lastJobOf(data, input.provider, input.id);
    const rescheduled = reschedule(input, next, lastJob, error, pause);
    if (error.kind !== 'rate_limited' || rescheduled.kind !== 'delay') return rescheduled;
    return { kind: 'rate_limited', data: rescheduled.data, pause: pause ?? httpPause() };
  }
  const job = result.value;
  const changed = data.last === null || data.last.status !== job.status;
  const next: FleetJobData = {
    ...data,
    checks,
    attempt: changed ? 0 : data.attempt + 1,
    last: lastSeenOf(job),
  };
  if (job.terminal) return { kind: 'settle', result: ok(job), data: next, pause };
  return reschedule(input, next, job, null, pause);
}

/** When to check a job tracked with a snapshot already in hand (a scheduled one is not checked early). */
export function planFirstCheck(
  input: Pick<StepInput, 'data' | 'provider' | 'id' | 'backoff' | 'now' | 'random'>,
): StepDecision {
  const lastJob = lastJobOf(input.data, input.provider, input.id);
  return reschedule({ ...input, hints: null }, input.data, lastJob, null, null);
}

function reschedule(
  input: Pick<StepInput, 'provider' | 'backoff' | 'now' | 'random' | 'hints'>,
  data: FleetJobData,
  lastJob: AsyncJob | null,
  error: AsyncJobError | null,
  pause: KeyPause | null,
): StepDecision {
  const timeout = () =>
    ({ kind: 'settle', result: err(pollTimeoutError(input.provider, lastJob)), data, pause }) as const;
  if (data.finalCheck) return timeout();
  const next = computeNextDelay({
    attempt: data.attempt,
    job: lastJob,
    error,
    hints: input.hints,
    backoff: input.backoff,
    now: input.now,
    deadline: data.deadline,
    random: input.random,
  });
  if (next.kind === 'stop') return timeout();
  return {
    kind: 'delay',
    delayMs: next.delayMs,
    reason: next.reason,
    data: { ...data, finalCheck: next.reason === 'final_check' },
    pause,
  };
}

function httpPause(): KeyPause {
  return { pauseMs: DEFAULT_RATE_LIMIT_PAUSE_MS, reason: 'http_429' };
}
