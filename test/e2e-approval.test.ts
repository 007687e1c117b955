import { type AsyncJob, type JobStatus, watchJob } from '@asyncjob/core';
import {
  createRevkeen,
  type RevkeenApproval,
  type RevkeenClient,
  type RevkeenResult,
} from '@asyncjob/revkeen';
import type { RunningSimulator } from '@asyncjob/simulator';
import { describe, expect, it } from 'vitest';
import { ALL_SUCCEED, expectMatchesTruth, FAST_POLL, truthId, unwrap, useSimulator } from './e2e/harness';

/** An automation whose every run waits for a person to approve its action. */
function approvalAutomation(simulator: RunningSimulator): string {
  const automation = simulator.automations.find((candidate) => candidate.requiresApproval);
  if (!automation) throw new Error('The simulator has no automation that requires approval');
  return automation.id;
}

/**
 * Starts a run and follows it with `watchJob`; when it pauses on an approval, `decide` answers through the adapter.
 * Returns every status seen and the terminal job.
 */
async function runUntilDecided(
  revkeen: RevkeenClient,
  automationId: string,
  decide: (approval: RevkeenApproval) => Promise<unknown>,
): Promise<{ statuses: JobStatus[]; job: AsyncJob<RevkeenResult>; approval: RevkeenApproval | null }> {
  // Exact (unscaled) durations: queued 20 ms, 600 ms of work, the approval asked for part-way.
  const created = unwrap(
    await revkeen.runAutomation(automationId, {
      triggerPayload: { refund: 're_42', simulate: { queuedMs: 20, runMs: 600 } },
    }),
  );
  const statuses: JobStatus[] = [created.status];
  let approval: RevkeenApproval | null = null;
  let last: AsyncJob<RevkeenResult> = created;
  for await (const step of watchJob(revkeen, created.id, { ...FAST_POLL, initialJob: created })) {
    last = unwrap(step);
    if (statuses.at(-1) !== last.status) statuses.push(last.status);
    if (last.status === 'awaiting_action' && approval === null) {
      const runId = truthId(last);
      approval = unwrap(await revkeen.listApprovals()).find((item) => item.runId === runId) ?? null;
      expect(approval).toMatchObject({ status: 'pending', automationId, actionSummary: expect.any(String) });
      await decide(approval as RevkeenApproval);
    }
  }
  return { statuses, job: last, approval };
}

describe('a RevKeen run that waits for approval', () => {
  it('pauses in awaiting_action, is approved through the adapter, and succeeds', async () => {
    const simulator = await useSimulator({ seed: 501, timeScale: 0.005, outcomes: ALL_SUCCEED });
    const revkeen = createRevkeen({ apiKey: simulator.keys.revkeen[0], baseUrl: simulator.baseUrls.revkeen });
    const automationId = approvalAutomation(simulator);

    const { statuses, job, approval } = await runUntilDecided(revkeen, automationId, async (pending) => {
      const decided = unwrap(await revkeen.approve(pending.id as string));
      expect(decided).toMatchObject({ id: pending.id, status: 'approved', approvedAt: expect.any(Date) });
    });

    expect(approval).not.toBeNull();
    expect(statuses).toContain('awaiting_action');
    expect(statuses.at(-1)).toBe('succeeded');
    // The run waited, then went on with its action (longer than the longest poll delay) and finished.
    expect(statuses.slice(statuses.indexOf('awaiting_action'))).toEqual([
      'awaiting_action',
      'running',
      'succeeded',
    ]);
    expect(job).toMatchObject({ status: 'succeeded', terminal: true, failure: null });
    expect(job.result?.approvals).toEqual([
      expect.objectContaining({ id: approval?.id, status: 'approved', rejectionReason: null }),
    ]);
    expectMatchesTruth(simulator, job);
    expect(simulator.control.listApprovals({ status: 'approved' }).map((item) => item.id)).toEqual([
      approval?.id,
    ]);
  });

  it('is rejected through the adapter and ends without success, carrying the reason', async () => {
    const simulator = await useSimulator({ seed: 502, timeScale: 0.005, outcomes: ALL_SUCCEED });
    const revkeen = createRevkeen({ apiKey: simulator.keys.revkeen[0], baseUrl: simulator.baseUrls.revkeen });
    const automationId = approvalAutomation(simulator);
    const reason = 'The customer already received a refund for re_42.';

    const { statuses, job, approval } = await runUntilDecided(revkeen, automationId, async (pending) => {
      const decided = unwrap(await revkeen.reject(pending.id as string, { reason }));
      expect(decided).toMatchObject({ id: pending.id, status: 'rejected', rejectionReason: reason });
    });

    expect(approval).not.toBeNull();
    expect(statuses).toContain('awaiting_action');
    expect(['cancelled', 'failed']).toContain(job.status);
    expect(job).toMatchObject({ terminal: true, result: null });
    expect(job.failure).toEqual({ code: 'approval_rejected', message: reason, retryable: false });
    expectMatchesTruth(simulator, job);
    // The decision is final: a second answer is refused and changes nothing.
    const again = await revkeen.approve(approval?.id as string);
    expect(again.isErr()).toBe(true);
    expect(truthOfStatus(simulator, job)).toBe(job.rawStatus);
  });
});

function truthOfStatus(simulator: RunningSimulator, job: AsyncJob): string | undefined {
  return simulator.control.jobTruth('revkeen', truthId(job))?.status;
}
