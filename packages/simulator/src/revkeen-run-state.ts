import type { JobPlan, PlannedOutcome } from './job-plan';
import type { JobTruth } from './job-truth';
import { isoOrNull, isoTime } from './sim-http';
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

/** The approval as RevKeen shows it, once the run has asked for it (null before). */
export function revkeenApprovalAt(run: RevkeenRun, nowMs: number): Record<string, unknown> | null {
  const { approval } = run;
  if (!approval || nowMs < approval.requestedAtMs) return null;
  const decision = run.decision !== null && run.decision.atMs <= nowMs ? run.decision : null;
  return {
    id: approval.id,
    object: 'automation_approval',
    run_id: run.id,
    automation_id: run.automation.id,
    status: decision ? decision.kind : 'pending',
    action_summary: approval.actionSummary,
    actions_json: approval.actions,
    approved_by_user_id: decision?.kind === 'approved' ? run.approverUserId : null,
    approved_at: decision?.kind === 'approved' ? isoTime(decision.atMs) : null,
    rejection_reason: decision?.kind === 'rejected' ? decision.reason : null,
    created_at: isoTime(approval.requestedAtMs),
    updated_at: isoTime(decision ? decision.atMs : approval.requestedAtMs),
  };
}

function step(
  id: string,
  index: number,
  type: string,
  name: string,
  status: string,
  startMs: number,
  endMs: number | null,
  output: unknown,
): Record<string, unknown> {
  return {
    id,
    step_index: index,
    step_type: type,
    name,
    status,
    input_json: null,
    output_json: endMs === null ? null : output,
    duration_ms: endMs === null ? null : endMs - startMs,
    created_at: isoTime(startMs),
  };
}

function stepsAt(run: RevkeenRun, moment: RunMoment, nowMs: number): Record<string, unknown>[] {
  const ids = run.childIds;
  const steps = [
    step(
      ids[0] as string,
      0,
      'trigger',
      'Receive trigger',
      'completed',
      run.plan.createdAt,
      run.plan.createdAt,
      { source: 'api' },
    ),
  ];
  if (moment.startedAt === null || moment.planEndAt === null) return steps;
  const planDone = nowMs >= moment.planEndAt;
  steps.push(
    step(
      ids[1] as string,
      1,
      'llm',
      'Plan actions',
      planDone ? 'completed' : 'running',
      moment.startedAt,
      planDone ? moment.planEndAt : null,
      {
        actions: run.approval?.actions.length ?? 1,
      },
    ),
  );
  if (run.approval && planDone) {
    const decision = moment.status === 'awaiting_approval' ? null : run.decision;
    steps.push(
      step(
        ids[2] as string,
        2,
        'approval',
        'Wait for approval',
        decision ? decision.kind : 'waiting',
        moment.planEndAt,
        decision ? decision.atMs : null,
        {
          decision: decision?.kind ?? null,
        },
      ),
    );
  }
  if (moment.actionStartAt !== null && nowMs >= moment.actionStartAt) {
    const status =
      moment.status === 'running' ? 'running' : moment.status === 'failed' ? 'failed' : 'completed';
    steps.push(
      step(
        ids[3] as string,
        steps.length,
        'action',
        'Execute actions',
        status,
        moment.actionStartAt,
        moment.completedAt,
        {
          ok: moment.status === 'completed',
        },
      ),
    );
  }
  return steps;
}

function notificationsAt(run: RevkeenRun, moment: RunMoment, nowMs: number): Record<string, unknown>[] {
  const notifications: Record<string, unknown>[] = [];
  if (run.approval && nowMs >= run.approval.requestedAtMs) {
    const at = isoTime(run.approval.requestedAtMs);
    notifications.push({
      id: run.childIds[4],
      type: 'approval_requested',
      priority: 'high',
      message: `"${run.automation.name}" is waiting for approval`,
      payload_json: { approval_id: run.approval.id, run_id: run.id },
      delivered_at: at,
      created_at: at,
    });
  }
  if (moment.completedAt !== null) {
    const at = isoTime(moment.completedAt);
    notifications.push({
      id: run.childIds[5],
      type: `run_${moment.status}`,
      priority: moment.status === 'completed' ? 'low' : 'normal',
      message: `"${run.automation.name}" run ${moment.status}`,
      payload_json: { run_id: run.id },
      delivered_at: at,
      created_at: at,
    });
  }
  return notifications;
}

function errorMessageAt(run: RevkeenRun, moment: RunMoment): string | null {
  if (moment.status === 'failed') return run.errorMessage;
  if (moment.status !== 'cancelled') return null;
  return run.decision?.kind === 'rejected'
    ? `Approval rejected: ${run.decision.reason ?? 'no reason given'}`
    : 'Run cancelled';
}

function summaryAt(run: RevkeenRun, moment: RunMoment): string | null {
  switch (moment.status) {
    case 'completed':
      return `${run.automation.name}: all actions done`;
    case 'failed':
      return `${run.automation.name}: failed`;
    case 'cancelled':
      return `${run.automation.name}: cancelled`;
    default:
      return null;
  }
}

/** The run fields shared by the list (RunSummary) and the detail view, at `nowMs`. */
export function revkeenRunSummary(run: RevkeenRun, nowMs: number): Record<string, unknown> {
  const moment = revkeenRunAt(run, nowMs);
  return {
    id: run.id,
    object: 'automation_run',
    automation_id: run.automation.id,
    automation_name: run.automation.name,
    status: moment.status,
    trigger_source: 'api',
    summary: summaryAt(run, moment),
    error_message: errorMessageAt(run, moment),
    created_at: isoTime(run.plan.createdAt),
    started_at: isoOrNull(moment.startedAt),
    completed_at: isoOrNull(moment.completedAt),
  };
}

/** `data` of `GET /automations/{id}/runs/{runId}` (https://docs.revkeen.com/docs/api-reference/automations_runs_get). */
export function revkeenRunDetail(run: RevkeenRun, nowMs: number): Record<string, unknown> {
  const moment = revkeenRunAt(run, nowMs);
  const approval = revkeenApprovalAt(run, nowMs);
  return {
    ...revkeenRunSummary(run, nowMs),
    automation_version_id: run.versionId,
    thread_id: run.threadId,
    trigger_payload: run.triggerPayload,
    version: { id: run.versionId, version: 1, objective: run.automation.objective ?? run.automation.name },
    automation: {
      id: run.automation.id,
      name: run.automation.name,
      status: 'active',
      trigger_type: 'manual',
      risk_profile: run.automation.requiresApproval ? 'high' : 'low',
    },
    steps: stepsAt(run, moment, nowMs),
    approvals: approval ? [approval] : [],
    notifications: notificationsAt(run, moment, nowMs),
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
