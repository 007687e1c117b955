import { buildJobPlan, type PlannedOutcome } from './job-plan';
import type { RevkeenRun } from './revkeen-run-state';

/** A run for tests: queued 0..100, runs 100..1100; with an approval it pauses at 500 (40 % of the run). */
export function run(
  outcome: PlannedOutcome,
  approval: boolean,
  decision: RevkeenRun['decision'] = null,
): RevkeenRun {
  const plan = buildJobPlan({
    createdAt: 0,
    queuedMs: 100,
    runMs: 1000,
    retries: 0,
    retryDelayMs: 0,
    outcome,
  });
  return {
    id: 'run-1',
    apiKey: 'rk_sandbox_x',
    automation: { id: 'auto-1', name: 'Chase invoices' },
    versionId: 'v',
    threadId: 't',
    jobId: 'job_1',
    triggerPayload: null,
    plan,
    approval: approval
      ? { id: 'appr-1', requestedAtMs: 500, actionSummary: 'Send 1 email', actions: [] }
      : null,
    decision,
    errorMessage: 'Step failed',
    childIds: ['s0', 's1', 's2', 's3', 'n0', 'n1'],
    approverUserId: 'user-1',
  };
}
