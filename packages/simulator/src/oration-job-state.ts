import { type JobPlan, jobPhaseAt } from './job-plan';
import type { JobTruth } from './job-truth';
import { isoTime } from './sim-http';

/** A simulated Oration job. */
export interface OrationJob {
  readonly id: string;
  readonly apiKey: string;
  readonly workspaceId: string;
  readonly jobProviderId: string;
  readonly name: string;
  readonly plan: JobPlan;
  /** Shown once the job failed. */
  readonly errorMessage: string;
}

/** `GET /jobs/{id}`: a bare object (https://docs.oration.ai/api-reference/endpoint/jobs/get). */
export interface OrationJobBody {
  readonly id: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly jobProviderId: string;
  readonly name: string;
  readonly status: string;
  readonly error: string | null;
  readonly workspaceId: string;
}

/** The share of the queue time a job spends `created`, before it is enqueued. */
const CREATED_SHARE = 0.2;

/** A job's status and the time it last changed at `nowMs`. */
export function orationStatusAt(
  plan: JobPlan,
  nowMs: number,
): { readonly status: string; readonly changedAt: number } {
  const phase = jobPhaseAt(plan, nowMs);
  switch (phase.kind) {
    case 'waiting': {
      const queuedAt = plan.eligibleAt + Math.round((plan.startAt - plan.eligibleAt) * CREATED_SHARE);
      return nowMs < queuedAt
        ? { status: 'created', changedAt: plan.createdAt }
        : { status: 'queued', changedAt: queuedAt };
    }
    case 'running':
      return { status: 'active', changedAt: phase.attemptStartAt };
    case 'retry_wait': {
      const failed = plan.attempts[phase.failedAttempts - 1];
      return { status: 'retrying', changedAt: failed?.endAt ?? plan.startAt };
    }
    case 'finished':
      // Oration has no cancelled status: a cancelled plan ends as failed.
      return { status: phase.outcome === 'succeeded' ? 'success' : 'failed', changedAt: phase.finishedAt };
  }
}

/** The job at `nowMs`: created → queued → active → (retrying → active)* → success | failed. */
export function orationJobBody(job: OrationJob, nowMs: number): OrationJobBody {
  const { status, changedAt } = orationStatusAt(job.plan, nowMs);
  return {
    id: job.id,
    createdAt: isoTime(job.plan.createdAt),
    updatedAt: isoTime(changedAt),
    jobProviderId: job.jobProviderId,
    name: job.name,
    status,
    error: status === 'failed' ? job.errorMessage : null,
    workspaceId: job.workspaceId,
  };
}

/** The truth about an Oration job at `nowMs`. */
export function orationJobTruth(job: OrationJob, nowMs: number): JobTruth {
  const finished = nowMs >= job.plan.finishAt;
  const outcome = job.plan.outcome === 'succeeded' ? 'succeeded' : 'failed';
  return {
    vendor: 'oration',
    id: job.id,
    apiKey: job.apiKey,
    tenant: job.workspaceId,
    status: orationStatusAt(job.plan, nowMs).status,
    terminal: finished,
    outcome: finished ? outcome : null,
    plannedOutcome: outcome,
    createdAtMs: job.plan.createdAt,
    finishedAtMs: finished ? job.plan.finishAt : null,
    expectedFinishAtMs: job.plan.finishAt,
  };
}
