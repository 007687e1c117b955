import { type JobPlan, jobPhaseAt } from './job-plan';
import type { JobTruth } from './job-truth';
import type { RevorChannel } from './revor-accounts';
import { isoOrNull, isoTime } from './sim-http';

/** A failure as Revor reports it inside `item.error`. */
export interface RevorJobError {
  readonly code: string;
  readonly message: string;
  readonly retryable: boolean;
}

/** A simulated Revor task. */
export interface RevorJob {
  readonly id: string;
  readonly apiKey: string;
  readonly action: 'outreach.dispatch' | 'outreach.linkedin.post_like';
  readonly channel: RevorChannel;
  readonly plan: JobPlan;
  /** Shown once the task succeeded. */
  readonly result: Readonly<Record<string, unknown>>;
  /** Shown once the task failed or was cancelled. */
  readonly error: RevorJobError;
}

/** `item` of `GET /outreach/jobs/{id}` (https://revor.ai/docs/api/outreach-jobs). */
export interface RevorJobItem {
  readonly id: string;
  readonly status: string;
  readonly action: string;
  readonly channel: string;
  readonly scheduled_at: string | null;
  readonly started_at: string | null;
  readonly finished_at: string | null;
  readonly attempt_count: number;
  readonly next_attempt_at: string | null;
  readonly result: Readonly<Record<string, unknown>> | null;
  readonly error: RevorJobError | null;
}

/** The share of a successful last attempt that v2 reports as `settling` (v2 lists it without saying what it means). */
export const SETTLING_SHARE = 0.2;

/** Which API version a lookup came through. */
export type RevorApiVersion = 'v1' | 'v2';

function isSettling(job: RevorJob, attempt: number, nowMs: number): boolean {
  const window = job.plan.attempts[attempt];
  if (!window || attempt !== job.plan.attempts.length - 1 || job.plan.outcome !== 'succeeded') return false;
  return nowMs >= window.endAt - (window.endAt - window.startAt) * SETTLING_SHARE;
}

/**
 * A task's `item` at `nowMs`: `scheduled` until `scheduled_at`, then `queued`, `running` (on v2 the end of a
 * successful run is `settling`), `scheduled` again with `next_attempt_at` between a failed attempt and its retry,
 * and finally `succeeded`, `failed` or `cancelled`.
 */
export function revorJobItem(job: RevorJob, nowMs: number, version: RevorApiVersion = 'v1'): RevorJobItem {
  const { plan } = job;
  const phase = jobPhaseAt(plan, nowMs);
  const firstStart = plan.attempts[0]?.startAt;
  const base = {
    id: job.id,
    action: job.action,
    channel: job.channel,
    scheduled_at: isoTime(plan.eligibleAt),
    result: null,
    error: null,
  };
  switch (phase.kind) {
    case 'waiting':
      return {
        ...base,
        status: nowMs < plan.eligibleAt ? 'scheduled' : 'queued',
        started_at: null,
        finished_at: null,
        attempt_count: 0,
        next_attempt_at: null,
      };
    case 'running':
      return {
        ...base,
        status: version === 'v2' && isSettling(job, phase.attempt, nowMs) ? 'settling' : 'running',
        started_at: isoOrNull(firstStart),
        finished_at: null,
        attempt_count: phase.attempt + 1,
        next_attempt_at: null,
      };
    case 'retry_wait':
      return {
        ...base,
        status: 'scheduled',
        started_at: isoOrNull(firstStart),
        finished_at: null,
        attempt_count: phase.failedAttempts,
        next_attempt_at: isoTime(phase.nextAttemptAt),
      };
    case 'finished':
      return {
        ...base,
        status: phase.outcome,
        started_at: isoOrNull(firstStart),
        finished_at: isoTime(phase.finishedAt),
        attempt_count: plan.attempts.length,
        next_attempt_at: null,
        result: phase.outcome === 'succeeded' ? job.result : null,
        error: phase.outcome === 'succeeded' ? null : job.error,
      };
  }
}

/** The truth about a Revor task at `nowMs`. */
export function revorJobTruth(job: RevorJob, nowMs: number): JobTruth {
  const finished = nowMs >= job.plan.finishAt;
  return {
    vendor: 'revor',
    id: job.id,
    apiKey: job.apiKey,
    tenant: job.apiKey,
    status: revorJobItem(job, nowMs).status,
    terminal: finished,
    outcome: finished ? job.plan.outcome : null,
    plannedOutcome: job.plan.outcome,
    createdAtMs: job.plan.createdAt,
    finishedAtMs: finished ? job.plan.finishAt : null,
    expectedFinishAtMs: job.plan.finishAt,
  };
}
