import type { JobPlan, PlannedOutcome } from './job-plan';
import type { JobTruth } from './job-truth';
import type { SimulatorAutomation } from './simulator-options';

/** The run statuses the simulator uses (RevKeen documents none; these are its plausible words). */
export type RevkeenRunStatus =
  | 'queued'
  | 'running'
  | 'awaiting_approval'
  | 'completed'
  | 'failed'
  | 'cancelled';

/** A person's answer to an approval request. */
export interface ApprovalDecision {
  readonly kind: 'approved' | 'rejected';
  readonly atMs: number;
  readonly reason: string | null;
}

/** The approval a run asks for part-way through. */
export interface RunApproval {
  readonly id: string;
  /** When the run pauses and the approval appears. */
  readonly requestedAtMs: number;
  readonly actionSummary: string;
  readonly actions: readonly Readonly<Record<string, unknown>>[];
}

/** A simulated RevKeen automation run. */
export interface RevkeenRun {
  readonly id: string;
  readonly apiKey: string;
  readonly automation: SimulatorAutomation;
  readonly versionId: string;
  readonly threadId: string;
  readonly jobId: string;
  readonly triggerPayload: unknown;
  readonly plan: JobPlan;
  readonly approval: RunApproval | null;
  readonly decision: ApprovalDecision | null;
  /** Shown once the run failed. */
  readonly errorMessage: string;
  /** Ids of the trigger, plan, approval and action steps, and of two notifications. */
  readonly childIds: readonly string[];
  /** The user id RevKeen records as the approver for an API key. */
  readonly approverUserId: string;
}

/** Where a run stands at one moment. */
export interface RunMoment {
  readonly status: RevkeenRunStatus;
  readonly startedAt: number | null;
  readonly completedAt: number | null;
  /** When the run will finish if nothing changes; null while it waits on a person. */
  readonly expectedFinishAt: number | null;
  /** When the planning step ends (the approval appears then, if any). */
  readonly planEndAt: number | null;
  /** When the action step starts, if it does. */
  readonly actionStartAt: number | null;
}

const finalStatus = (outcome: PlannedOutcome): RevkeenRunStatus =>
  outcome === 'succeeded' ? 'completed' : outcome === 'failed' ? 'failed' : 'cancelled';

/** The part of the run spent planning before the approval (or the actions). */
export const PLAN_SHARE = 0.4;

/**
 * A run at `nowMs`: queued → running → (awaiting_approval → running) → completed | failed, or cancelled
 * when its approval is rejected (or when it was planned to be cancelled, before it starts).
 */
export function revkeenRunAt(run: RevkeenRun, nowMs: number): RunMoment {
  const { plan } = run;
  const attempt = plan.attempts[0];
  const none = { planEndAt: null, actionStartAt: null };
  if (!attempt) {
    return nowMs < plan.startAt
      ? { status: 'queued', startedAt: null, completedAt: null, expectedFinishAt: plan.finishAt, ...none }
      : {
          status: 'cancelled',
          startedAt: null,
          completedAt: plan.finishAt,
          expectedFinishAt: plan.finishAt,
          ...none,
        };
  }
  const planEndAt = run.approval
    ? run.approval.requestedAtMs
    : attempt.startAt + Math.round((attempt.endAt - attempt.startAt) * PLAN_SHARE);
  if (nowMs < attempt.startAt) {
    const expected = run.approval ? null : attempt.endAt;
    return { status: 'queued', startedAt: null, completedAt: null, expectedFinishAt: expected, ...none };
  }
  const started = { startedAt: attempt.startAt, planEndAt };
  if (!run.approval) {
    const done = nowMs >= attempt.endAt;
    return {
      ...started,
      status: done ? finalStatus(plan.outcome) : 'running',
      completedAt: done ? attempt.endAt : null,
      expectedFinishAt: attempt.endAt,
      actionStartAt: planEndAt,
    };
  }
  const decision = run.decision !== null && run.decision.atMs <= nowMs ? run.decision : null;
  if (nowMs < planEndAt)
    return { ...started, status: 'running', completedAt: null, expectedFinishAt: null, actionStartAt: null };
  if (!decision) {
    return {
      ...started,
      status: 'awaiting_approval',
      completedAt: null,
      expectedFinishAt: null,
      actionStartAt: null,
    };
  }
  if (decision.kind === 'rejected') {
    return {
      ...started,
      status: 'cancelled',
      completedAt: decision.atMs,
      expectedFinishAt: decision.atMs,
      actionStartAt: null,
    };
  }
  const finishAt = decision.atMs + (attempt.endAt - planEndAt);
  const done = nowMs >= finishAt;
  return {
    ...started,
    status: done ? finalStatus(plan.outcome) : 'running',
    completedAt: done ? finishAt : null,
    expectedFinishAt: finishAt,
    actionStartAt: decision.atMs,
  };
}

/** The truth about a run at `nowMs`. */
export function revkeenRunTruth(run: RevkeenRun, nowMs: number): JobTruth {
  const moment = revkeenRunAt(run, nowMs);
  const terminal = moment.completedAt !== null;
  const outcome: PlannedOutcome | null = !terminal
    ? null
    : moment.status === 'completed'
      ? 'succeeded'
      : moment.status === 'failed'
        ? 'failed'
        : 'cancelled';
  return {
    vendor: 'revkeen',
    id: run.id,
    apiKey: run.apiKey,
    tenant: run.apiKey,
    status: moment.status,
    terminal,
    outcome,
    plannedOutcome: run.plan.outcome,
    createdAtMs: run.plan.createdAt,
    finishedAtMs: moment.completedAt,
    expectedFinishAtMs: moment.expectedFinishAt,
  };
}
