import { describe, expect, it } from 'vitest';
import { buildJobPlan, type PlannedOutcome } from './job-plan';
import {
  type RevkeenRun,
  revkeenApprovalAt,
  revkeenRunAt,
  revkeenRunDetail,
  revkeenRunTruth,
} from './revkeen-run-state';

function run(
  outcome: PlannedOutcome,
  approval: boolean,
  decision: RevkeenRun['decision'] = null,
): RevkeenRun {
  // Queued 0..100, runs 100..1100; with an approval it pauses at 500 (40 % of the run).
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

describe('revkeenRunAt', () => {
  it.each([
    ['queued', run('succeeded', false), 50, 'queued', null],
    ['running', run('succeeded', false), 100, 'running', null],
    ['completed', run('succeeded', false), 1100, 'completed', 1100],
    ['failed', run('failed', false), 1100, 'failed', 1100],
    ['cancelled before start', run('cancelled', false), 100, 'cancelled', 100],
    ['planning before approval', run('succeeded', true), 499, 'running', null],
    ['awaiting approval', run('succeeded', true), 5000, 'awaiting_approval', null],
    [
      'approved, running again',
      run('succeeded', true, { kind: 'approved', atMs: 5000, reason: null }),
      5599,
      'running',
      null,
    ],
    [
      'approved, completed',
      run('succeeded', true, { kind: 'approved', atMs: 5000, reason: null }),
      5600,
      'completed',
      5600,
    ],
    [
      'rejected',
      run('succeeded', true, { kind: 'rejected', atMs: 5000, reason: 'no' }),
      5000,
      'cancelled',
      5000,
    ],
  ])('%s', (_name, subject, nowMs, status, completedAt) => {
    expect(revkeenRunAt(subject, nowMs)).toMatchObject({ status, completedAt });
  });
});

describe('revkeenApprovalAt', () => {
  it('appears when the run pauses and records the decision', () => {
    expect(revkeenApprovalAt(run('succeeded', true), 499)).toBeNull();
    expect(revkeenApprovalAt(run('succeeded', true), 500)).toMatchObject({
      id: 'appr-1',
      status: 'pending',
      approved_at: null,
    });
    const approved = run('succeeded', true, { kind: 'approved', atMs: 700, reason: null });
    expect(revkeenApprovalAt(approved, 800)).toMatchObject({
      status: 'approved',
      approved_by_user_id: 'user-1',
      approved_at: '1970-01-01T00:00:00.700Z',
    });
    const rejected = run('succeeded', true, { kind: 'rejected', atMs: 700, reason: 'too risky' });
    expect(revkeenApprovalAt(rejected, 800)).toMatchObject({
      status: 'rejected',
      rejection_reason: 'too risky',
    });
  });
});

describe('revkeenRunDetail', () => {
  it('shows steps, the pending approval and a notification while waiting', () => {
    const detail = revkeenRunDetail(run('succeeded', true), 600);
    expect(detail).toMatchObject({
      status: 'awaiting_approval',
      error_message: null,
      summary: null,
      completed_at: null,
    });
    expect(
      (detail.steps as { name: string; status: string }[]).map((step) => [step.name, step.status]),
    ).toEqual([
      ['Receive trigger', 'completed'],
      ['Plan actions', 'completed'],
      ['Wait for approval', 'waiting'],
    ]);
    expect(detail.approvals).toHaveLength(1);
    expect(detail.notifications).toMatchObject([{ type: 'approval_requested' }]);
  });

  it('gives a rejection reason as the error message', () => {
    const rejected = run('succeeded', true, { kind: 'rejected', atMs: 700, reason: 'too risky' });
    expect(revkeenRunDetail(rejected, 700)).toMatchObject({
      status: 'cancelled',
      error_message: 'Approval rejected: too risky',
    });
  });

  it('gives the failure text once failed', () => {
    const detail = revkeenRunDetail(run('failed', false), 1100);
    expect(detail).toMatchObject({
      status: 'failed',
      error_message: 'Step failed',
      completed_at: '1970-01-01T00:00:01.100Z',
    });
    expect((detail.steps as { status: string }[]).at(-1)?.status).toBe('failed');
  });
});

describe('revkeenRunTruth', () => {
  it('knows no finish time while a person has to decide', () => {
    expect(revkeenRunTruth(run('succeeded', true), 600)).toMatchObject({
      terminal: false,
      expectedFinishAtMs: null,
    });
    const approved = run('succeeded', true, { kind: 'approved', atMs: 700, reason: null });
    expect(revkeenRunTruth(approved, 800)).toMatchObject({ expectedFinishAtMs: 1300 });
    expect(revkeenRunTruth(approved, 1300)).toMatchObject({
      terminal: true,
      outcome: 'succeeded',
      finishedAtMs: 1300,
    });
  });
});
