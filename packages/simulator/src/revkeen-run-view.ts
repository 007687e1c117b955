import { type RevkeenRun, type RunMoment, revkeenRunAt } from './revkeen-run-state';
import { isoOrNull, isoTime } from './sim-http';

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
