import { revkeenRunAt } from './revkeen-run-state';
import type { RevkeenStore } from './revkeen-store';

/** A RevKeen approval as the control API lists it. */
export interface ApprovalInfo {
  readonly id: string;
  readonly runId: string;
  readonly automationId: string;
  readonly apiKey: string;
  readonly status: 'pending' | 'approved' | 'rejected';
  readonly requestedAtMs: number;
}

/** The simulator's hooks for RevKeen approvals. */
export interface RevkeenControl {
  /** Approvals that runs have asked for so far, optionally for one key or status. */
  listApprovals(filter?: {
    readonly apiKey?: string;
    readonly status?: ApprovalInfo['status'];
  }): ApprovalInfo[];
  /** The id of a run's pending approval, or null when it is not waiting for one. */
  pendingApprovalId(runId: string): string | null;
  /** Approves or rejects a pending approval as a person would; false when there is none to decide. */
  decideApproval(approvalId: string, decision: 'approve' | 'reject', reason?: string): boolean;
}

/** The approval hooks over a store, on the simulator clock. */
export function createRevkeenControl(store: RevkeenStore, now: () => number): RevkeenControl {
  return {
    listApprovals(filter = {}) {
      return store
        .visibleApprovals(filter.apiKey, now())
        .map(({ run, approval }) => ({
          id: approval.id as string,
          runId: run.id,
          automationId: run.automation.id,
          apiKey: run.apiKey,
          status: approval.status as ApprovalInfo['status'],
          requestedAtMs: run.approval?.requestedAtMs ?? 0,
        }))
        .filter((info) => filter.status === undefined || info.status === filter.status);
    },
    pendingApprovalId(runId) {
      const run = store.get(runId);
      if (!run?.approval) return null;
      return revkeenRunAt(run, now()).status === 'awaiting_approval' ? run.approval.id : null;
    },
    decideApproval(approvalId, decision, reason) {
      const kind = decision === 'approve' ? 'approved' : 'rejected';
      const result = store.decide(
        approvalId,
        undefined,
        kind,
        kind === 'rejected' ? (reason ?? 'Rejected') : null,
        now(),
      );
      return typeof result === 'object';
    },
  };
}
