import { type RevkeenRun, revkeenRunAt } from './revkeen-run-state';
import { revkeenApprovalAt } from './revkeen-run-view';

/** A visible approval with its run. */
export interface VisibleApproval {
  readonly run: RevkeenRun;
  readonly approval: Readonly<Record<string, unknown>>;
}

/** The outcome of deciding an approval. */
export type DecideResult = RevkeenRun | 'missing' | 'decided';

/** RevKeen runs and their approvals, indexed for lookups and lists. */
export interface RevkeenStore {
  add(run: RevkeenRun, tenant: string): void;
  get(runId: string): RevkeenRun | undefined;
  /** A tenant's runs of one automation, newest first. */
  runsOf(tenant: string, automationId: string): RevkeenRun[];
  all(): RevkeenRun[];
  /** Approvals that runs have asked for by `nowMs`, oldest first, optionally of one key. */
  visibleApprovals(apiKey: string | undefined, nowMs: number): VisibleApproval[];
  /** Records a decision on a visible, pending approval (of `apiKey` when given). */
  decide(
    approvalId: string,
    apiKey: string | undefined,
    kind: 'approved' | 'rejected',
    reason: string | null,
    nowMs: number,
  ): DecideResult;
}

/** An in-memory store. */
export function createRevkeenStore(): RevkeenStore {
  const runs = new Map<string, RevkeenRun>();
  /** Run ids per tenant + automation, oldest first. */
  const runIndex = new Map<string, string[]>();
  /** Approval id → run id. */
  const approvals = new Map<string, string>();

  return {
    add(run, tenant) {
      runs.set(run.id, run);
      if (run.approval) approvals.set(run.approval.id, run.id);
      const indexKey = `${tenant}|${run.automation.id}`;
      const ids = runIndex.get(indexKey);
      if (ids) ids.push(run.id);
      else runIndex.set(indexKey, [run.id]);
    },
    get: (runId) => runs.get(runId),
    runsOf(tenant, automationId) {
      const ids = runIndex.get(`${tenant}|${automationId}`) ?? [];
      return ids.map((id) => runs.get(id) as RevkeenRun).reverse();
    },
    all: () => [...runs.values()],
    visibleApprovals(apiKey, nowMs) {
      const found: VisibleApproval[] = [];
      for (const runId of approvals.values()) {
        const run = runs.get(runId) as RevkeenRun;
        if (apiKey !== undefined && run.apiKey !== apiKey) continue;
        const approval = revkeenApprovalAt(run, nowMs);
        if (approval) found.push({ run, approval });
      }
      return found;
    },
    decide(approvalId, apiKey, kind, reason, nowMs) {
      const runId = approvals.get(approvalId);
      const run = runId ? runs.get(runId) : undefined;
      // An approval the run has not asked for yet, or another key's, is reported as missing.
      if (!run || (apiKey !== undefined && run.apiKey !== apiKey) || !revkeenApprovalAt(run, nowMs))
        return 'missing';
      if (revkeenRunAt(run, nowMs).status !== 'awaiting_approval') return 'decided';
      const updated: RevkeenRun = { ...run, decision: { kind, atMs: nowMs, reason } };
      runs.set(run.id, updated);
      return updated;
    },
  };
}
