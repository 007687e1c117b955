/** How a simulated job ends. */
export type PlannedOutcome = 'succeeded' | 'failed' | 'cancelled';

/** One execution attempt, as epoch milliseconds. */
export interface AttemptWindow {
  readonly startAt: number;
  readonly endAt: number;
}

/**
 * The whole life of a job, fixed when it is created. A job's status at any moment is a pure function of its plan
 * and the clock, so the server needs no timer per job and a test can move the clock freely.
 */
export interface JobPlan {
  readonly createdAt: number;
  /** When the job may start (Revor's `scheduled_at`); equals `createdAt` unless it was paced to later. */
  readonly eligibleAt: number;
  /** When the first attempt starts, or when a cancelled job is cancelled. */
  readonly startAt: number;
  /** Every attempt; all but the last fail and are retried. Empty for a cancelled job. */
  readonly attempts: readonly AttemptWindow[];
  readonly outcome: PlannedOutcome;
  /** When the job reaches its terminal state. */
  readonly finishAt: number;
}

/** What `buildJobPlan` needs; all durations are milliseconds. */
export interface JobPlanInput {
  readonly createdAt: number;
  readonly eligibleAt?: number;
  readonly queuedMs: number;
  readonly runMs: number;
  readonly retries: number;
  readonly retryDelayMs: number;
  readonly outcome: PlannedOutcome;
}

/** Lays out a job's attempts on the time line. */
export function buildJobPlan(input: JobPlanInput): JobPlan {
  const eligibleAt = Math.max(input.createdAt, input.eligibleAt ?? input.createdAt);
  const startAt = eligibleAt + Math.max(0, input.queuedMs);
  const base = { createdAt: input.createdAt, eligibleAt, startAt, outcome: input.outcome };
  if (input.outcome === 'cancelled') return { ...base, attempts: [], finishAt: startAt };
  const attempts: AttemptWindow[] = [];
  let attemptStart = startAt;
  for (let index = 0; index <= Math.max(0, Math.floor(input.retries)); index += 1) {
    const endAt = attemptStart + Math.max(0, input.runMs);
    attempts.push({ startAt: attemptStart, endAt });
    attemptStart = endAt + Math.max(0, input.retryDelayMs);
  }
  return { ...base, attempts, finishAt: attempts[attempts.length - 1]?.endAt ?? startAt };
}

/** Where a job stands at one moment. `attempt` counts from 0. */
export type JobPhase =
  | { readonly kind: 'waiting' }
  | { readonly kind: 'running'; readonly attempt: number; readonly attemptStartAt: number }
  | { readonly kind: 'retry_wait'; readonly failedAttempts: number; readonly nextAttemptAt: number }
  | { readonly kind: 'finished'; readonly outcome: PlannedOutcome; readonly finishedAt: number };

/** The phase of a planned job at `nowMs`. */
export function jobPhaseAt(plan: JobPlan, nowMs: number): JobPhase {
  if (nowMs >= plan.finishAt) return { kind: 'finished', outcome: plan.outcome, finishedAt: plan.finishAt };
  if (nowMs < plan.startAt) return { kind: 'waiting' };
  for (let index = 0; index < plan.attempts.length; index += 1) {
    const attempt = plan.attempts[index] as AttemptWindow;
    if (nowMs < attempt.startAt)
      return { kind: 'retry_wait', failedAttempts: index, nextAttemptAt: attempt.startAt };
    if (nowMs < attempt.endAt) return { kind: 'running', attempt: index, attemptStartAt: attempt.startAt };
  }
  return { kind: 'finished', outcome: plan.outcome, finishedAt: plan.finishAt };
}
