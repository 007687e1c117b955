import { type AsyncJob, createAsyncJob, type JobFailure, type JobStatus } from '@asyncjob/core';
import { formatRevkeenRunId } from './convert-to-revkeen-request';
import {
  isPendingApprovalStatus,
  isRejectedApprovalStatus,
  mapRevkeenRunStatus,
  mapRevkeenStatus,
} from './map-revkeen-status';
import {
  type RevkeenWireApproval,
  type RevkeenWireCreatedRun,
  type RevkeenWireRun,
  type RevkeenWireRunList,
  type RevkeenWireStep,
  revkeenApprovalSchema,
} from './revkeen-api';

/** One step of a finished run. Step status words are RevKeen's own (not normalized: they are undocumented). */
export interface RevkeenStep {
  readonly id: string | null;
  readonly index: number | null;
  readonly type: string | null;
  readonly name: string | null;
  readonly status: string | null;
  readonly durationMs: number | null;
  /** What the step produced, as the vendor sent it. */
  readonly output: unknown;
}

/** An approval: an action of a run that waits for, or got, a person's decision. */
export interface RevkeenApproval {
  /** Null only when the vendor omits it (the item shape is undocumented). */
  readonly id: string | null;
  /** RevKeen's status word (e.g. pending, approved, rejected), or null when it gives none. */
  readonly status: string | null;
  readonly runId: string | null;
  readonly automationId: string | null;
  readonly actionSummary: string | null;
  readonly rejectionReason: string | null;
  readonly approvedAt: Date | null;
  readonly createdAt: Date | null;
}

/** The result of a succeeded run. */
export interface RevkeenResult {
  /** The vendor's human-readable outcome. */
  readonly summary: string | null;
  readonly automationName: string | null;
  /** How the run was started, e.g. manual or scheduled (values undocumented). */
  readonly triggerSource: string | null;
  /** Empty for runs read from a list, which carries no steps. */
  readonly steps: readonly RevkeenStep[];
  readonly approvals: readonly RevkeenApproval[];
}

/** A page of runs from `listRuns`. */
export interface RevkeenRunPage {
  readonly runs: readonly AsyncJob<RevkeenResult>[];
  /** Whether more runs follow, or null when the response does not say. */
  readonly hasMore: boolean | null;
  /** How many runs match in all, or null when the response does not say. */
  readonly total: number | null;
}

// The vendor does not say whether unset timestamps and messages are null or "" (both are seen in its examples
// elsewhere), so "" counts as unset.
function present(value: string | null | undefined): string | null {
  return value === null || value === undefined || value.trim() === '' ? null : value;
}

function toDate(value: string | null | undefined): Date | null {
  const text = present(value);
  if (text === null) return null;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? null : date;
}

function convertStep(step: RevkeenWireStep): RevkeenStep {
  return {
    id: present(step.id),
    index: step.step_index ?? null,
    type: present(step.step_type),
    name: present(step.name),
    status: present(step.status),
    durationMs: step.duration_ms ?? null,
    output: step.output_json ?? null,
  };
}

/** Wire approval → camelCase approval. */
export function convertRevkeenApproval(approval: RevkeenWireApproval): RevkeenApproval {
  return {
    id: present(approval.id),
    status: present(approval.status),
    runId: present(approval.run_id),
    automationId: present(approval.automation_id),
    actionSummary: present(approval.action_summary),
    rejectionReason: present(approval.rejection_reason),
    approvedAt: toDate(approval.approved_at),
    createdAt: toDate(approval.created_at),
  };
}

/**
 * The answer of approve or reject, whose shape is undocumented: `{ data: Approval }`, a bare approval, or nothing.
 * What cannot be read is left null; the id is the one the request named.
 */
export function convertRevkeenApprovalDecision(body: unknown, approvalId: string): RevkeenApproval {
  const data = typeof body === 'object' && body !== null && 'data' in body ? body.data : body;
  const parsed = revkeenApprovalSchema.safeParse(data);
  const approval = convertRevkeenApproval(parsed.success ? parsed.data : {});
  return { ...approval, id: approval.id ?? approvalId };
}

function failureOf(
  status: JobStatus,
  errorMessage: string | null,
  rejected: RevkeenApproval | undefined,
): JobFailure | null {
  if (status !== 'failed' && status !== 'cancelled') return null;
  if (rejected) {
    const message = rejected.rejectionReason ?? errorMessage ?? 'An approval of the run was rejected.';
    return { code: 'approval_rejected', message, retryable: false };
  }
  if (status === 'cancelled') {
    return errorMessage ? { code: 'run_cancelled', message: errorMessage, retryable: false } : null;
  }
  return {
    code: 'run_failed',
    message: errorMessage ?? 'RevKeen reported the run as failed without an error message.',
    retryable: false,
  };
}

/**
 * Wire run → `AsyncJob`. The automation id (and, for a lookup, the run id) come from the request, so the job's id
 * and ref are the ones the caller polls with and always lead back to the same URL.
 */
export function convertRevkeenRun(
  run: RevkeenWireRun,
  automationId: string,
  runId: string = run.id,
): AsyncJob<RevkeenResult> {
  const approvals = (run.approvals ?? []).map(convertRevkeenApproval);
  const errorMessage = present(run.error_message);
  const status = mapRevkeenRunStatus(run.status, {
    completed: present(run.completed_at) !== null,
    errorMessage: errorMessage !== null,
    pendingApproval: approvals.some((approval) => isPendingApprovalStatus(approval.status)),
  });
  const id = formatRevkeenRunId({ automationId, runId });
  return createAsyncJob<RevkeenResult>({
    provider: 'revkeen',
    id,
    ref: `revkeen:${id}`,
    status,
    rawStatus: run.status,
    result:
      status === 'succeeded'
        ? {
            summary: present(run.summary),
            automationName: present(run.automation_name),
            triggerSource: present(run.trigger_source),
            steps: (run.steps ?? []).map(convertStep),
            approvals,
          }
        : null,
    failure: failureOf(
      status,
      errorMessage,
      approvals.find((approval) => isRejectedApprovalStatus(approval.status)),
    ),
    createdAt: toDate(run.created_at),
    startedAt: toDate(run.started_at),
    finishedAt: toDate(run.completed_at),
    raw: run,
  });
}

/**
 * The first snapshot of a queued run. The create answers with the run's id and status only; a missing status is
 * taken as `queued`, which is what the endpoint does ("queue a manual run").
 */
export function convertRevkeenCreatedRun(
  created: RevkeenWireCreatedRun,
  automationId: string,
): AsyncJob<RevkeenResult> {
  const rawStatus = present(created.status) ?? 'queued';
  const id = formatRevkeenRunId({ automationId, runId: created.id });
  return createAsyncJob<RevkeenResult>({
    provider: 'revkeen',
    id,
    ref: `revkeen:${id}`,
    status: mapRevkeenStatus(rawStatus),
    rawStatus,
    raw: created,
  });
}

/** A list response → runs plus what its `pagination` block says, when it has one. */
export function convertRevkeenRunList(list: RevkeenWireRunList, automationId: string): RevkeenRunPage {
  const pagination = list.pagination ?? {};
  return {
    runs: list.data.map((run) => convertRevkeenRun(run, automationId)),
    hasMore: pagination.hasMore ?? pagination.has_more ?? null,
    total: pagination.total ?? null,
  };
}
