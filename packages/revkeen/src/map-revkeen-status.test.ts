import { describe, expect, it } from 'vitest';
import {
  isPendingApprovalStatus,
  isRejectedApprovalStatus,
  mapRevkeenRunStatus,
  mapRevkeenStatus,
  REVKEEN_STATUS_MAP,
} from './map-revkeen-status';

const none = { completed: false, errorMessage: false, pendingApproval: false };

describe('mapRevkeenStatus', () => {
  it.each([
    ['queued', 'queued'],
    ['pending', 'queued'],
    ['running', 'running'],
    ['in_progress', 'running'],
    ['processing', 'running'],
    ['awaiting_approval', 'awaiting_action'],
    ['pending_approval', 'awaiting_action'],
    ['waiting_for_approval', 'awaiting_action'],
    ['completed', 'succeeded'],
    ['succeeded', 'succeeded'],
    ['success', 'succeeded'],
    ['failed', 'failed'],
    ['errored', 'failed'],
    ['error', 'failed'],
    ['cancelled', 'cancelled'],
    ['canceled', 'cancelled'],
    ['rejected', 'cancelled'],
  ])('maps %s to %s', (status, expected) => {
    expect(mapRevkeenStatus(status)).toBe(expected);
    expect(mapRevkeenRunStatus(status, none)).toBe(expected);
  });

  it('has a test row for every table entry', () => {
    expect(Object.keys(REVKEEN_STATUS_MAP)).toHaveLength(17);
  });

  it('reads other cases and spellings of the same word', () => {
    expect(mapRevkeenStatus('In Progress')).toBe('running');
    expect(mapRevkeenStatus(' COMPLETED ')).toBe('succeeded');
    expect(mapRevkeenStatus('waiting-for-approval')).toBe('awaiting_action');
  });

  it.each(['paused', 'string', '', 'toString', '__proto__'])('falls back to unknown for %j', (status) => {
    expect(mapRevkeenStatus(status)).toBe('unknown');
    expect(mapRevkeenRunStatus(status, none)).toBe('unknown');
  });
});

describe('mapRevkeenRunStatus: hints for unknown words', () => {
  it.each([
    [{ completed: true, errorMessage: true, pendingApproval: false }, 'failed'],
    [{ completed: true, errorMessage: false, pendingApproval: false }, 'succeeded'],
    [{ completed: true, errorMessage: false, pendingApproval: true }, 'succeeded'],
    [{ completed: false, errorMessage: false, pendingApproval: true }, 'awaiting_action'],
    [{ completed: false, errorMessage: true, pendingApproval: false }, 'unknown'],
    [none, 'unknown'],
  ] as const)('%j gives %s', (evidence, expected) => {
    expect(mapRevkeenRunStatus('paused', evidence)).toBe(expected);
  });

  it('lets a known word win over the hints', () => {
    expect(
      mapRevkeenRunStatus('running', { completed: true, errorMessage: true, pendingApproval: true }),
    ).toBe('running');
    expect(mapRevkeenRunStatus('succeeded', { ...none, completed: true, errorMessage: true })).toBe(
      'succeeded',
    );
  });

  it('takes a bare "completed" with an error message as failed', () => {
    expect(mapRevkeenRunStatus('completed', { ...none, completed: true, errorMessage: true })).toBe('failed');
  });
});

describe('approval status words', () => {
  it.each(['pending', 'awaiting_approval', 'Pending Approval', 'waiting', 'requested', 'open'])(
    '%s is pending',
    (status) => {
      expect(isPendingApprovalStatus(status)).toBe(true);
      expect(isRejectedApprovalStatus(status)).toBe(false);
    },
  );

  it.each(['rejected', 'declined', 'DENIED'])('%s is rejected', (status) => {
    expect(isRejectedApprovalStatus(status)).toBe(true);
    expect(isPendingApprovalStatus(status)).toBe(false);
  });

  it.each([null, 'approved', 'string'])('%s is neither', (status) => {
    expect(isPendingApprovalStatus(status)).toBe(false);
    expect(isRejectedApprovalStatus(status)).toBe(false);
  });
});
