import { describe, expect, it } from 'vitest';
import { run } from './revkeen-run-fixture';
import { revkeenApprovalAt, revkeenRunDetail } from './revkeen-run-view';

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
