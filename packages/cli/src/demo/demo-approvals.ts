import type { AsyncJob } from '@asyncjob/core';
import type { RevkeenClient } from '@asyncjob/revkeen';
import { formatErrorLine } from '../format-error';
import type { Output } from '../output';
import type { DemoApproval } from './demo-scenario';

/** Decides RevKeen approvals as a person would, through the adapter. */
export interface DemoApprover {
  /** Called when a run is seen `awaiting_action`: after the reviewer's think time, approve or reject it. */
  review(job: AsyncJob, approval: DemoApproval): void;
  /** Waits for decisions under way; the timers of those not started yet are dropped. */
  close(): Promise<void>;
}

/** The run id of a RevKeen job id `automationId/runId`. */
export function revkeenRunId(jobId: string): string {
  return jobId.slice(jobId.lastIndexOf('/') + 1);
}

/**
 * Finds a run's pending approval with `listApprovals` and decides it with `approve` or `reject`, `thinkMs` after
 * the run was seen waiting (so the waiting is visible in the progress).
 */
export function createDemoApprover(revkeen: RevkeenClient, output: Output, thinkMs: number): DemoApprover {
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const decisions = new Set<Promise<void>>();
  const reviewed = new Set<string>();

  const decide = async (job: AsyncJob, approval: DemoApproval): Promise<void> => {
    const runId = revkeenRunId(job.id);
    const listed = await revkeen.listApprovals();
    if (listed.isErr()) {
      output.message(formatErrorLine(job.ref, listed.error));
      return;
    }
    const pending = listed.value.find((item) => item.runId === runId && item.id !== null);
    if (!pending?.id) {
      output.message(`demo: no pending approval found for ${job.ref}`);
      return;
    }
    const decided =
      approval.decision === 'approve'
        ? await revkeen.approve(pending.id)
        : await revkeen.reject(pending.id, { reason: approval.reason });
    decided.match(
      () =>
        output.message(
          `${approval.decision === 'approve' ? 'approved' : 'rejected'} ${job.ref}: ${pending.actionSummary ?? 'pending action'}`,
        ),
      (error) => output.message(formatErrorLine(job.ref, error)),
    );
  };

  return {
    review: (job, approval) => {
      if (reviewed.has(job.ref)) return;
      reviewed.add(job.ref);
      const timer = setTimeout(() => {
        timers.delete(timer);
        const decision = decide(job, approval).finally(() => decisions.delete(decision));
        decisions.add(decision);
      }, thinkMs);
      timers.add(timer);
    },
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await Promise.all([...decisions]);
    },
  };
}
