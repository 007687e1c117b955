import { describe, expect, it } from 'vitest';
import { run } from './revkeen-run-fixture';
import { revkeenRunAt, revkeenRunTruth } from './revkeen-run-state';

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
