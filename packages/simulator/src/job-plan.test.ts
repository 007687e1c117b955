import { describe, expect, it } from 'vitest';
import { buildJobPlan, type JobPhase, jobPhaseAt } from './job-plan';

const retried = buildJobPlan({
  createdAt: 1000,
  queuedMs: 100,
  runMs: 50,
  retries: 1,
  retryDelayMs: 200,
  outcome: 'failed',
});

describe('buildJobPlan', () => {
  it('lays out attempts with retry delays', () => {
    expect(retried).toEqual({
      createdAt: 1000,
      eligibleAt: 1000,
      startAt: 1100,
      attempts: [
        { startAt: 1100, endAt: 1150 },
        { startAt: 1350, endAt: 1400 },
      ],
      outcome: 'failed',
      finishAt: 1400,
    });
  });

  it('starts a scheduled job after its eligible time', () => {
    const plan = buildJobPlan({
      createdAt: 0,
      eligibleAt: 60_000,
      queuedMs: 10,
      runMs: 5,
      retries: 0,
      retryDelayMs: 0,
      outcome: 'succeeded',
    });
    expect(plan.startAt).toBe(60_010);
    expect(plan.finishAt).toBe(60_015);
  });

  it('cancels a cancelled job when it would have started, without attempts', () => {
    const plan = buildJobPlan({
      createdAt: 0,
      queuedMs: 30,
      runMs: 5,
      retries: 2,
      retryDelayMs: 1,
      outcome: 'cancelled',
    });
    expect(plan.attempts).toEqual([]);
    expect(plan.finishAt).toBe(30);
  });
});

describe('jobPhaseAt', () => {
  it.each<[number, JobPhase]>([
    [1000, { kind: 'waiting' }],
    [1099, { kind: 'waiting' }],
    [1100, { kind: 'running', attempt: 0, attemptStartAt: 1100 }],
    [1149, { kind: 'running', attempt: 0, attemptStartAt: 1100 }],
    [1150, { kind: 'retry_wait', failedAttempts: 1, nextAttemptAt: 1350 }],
    [1349, { kind: 'retry_wait', failedAttempts: 1, nextAttemptAt: 1350 }],
    [1350, { kind: 'running', attempt: 1, attemptStartAt: 1350 }],
    [1400, { kind: 'finished', outcome: 'failed', finishedAt: 1400 }],
    [9999, { kind: 'finished', outcome: 'failed', finishedAt: 1400 }],
  ])('at %i', (nowMs, expected) => {
    expect(jobPhaseAt(retried, nowMs)).toEqual(expected);
  });

  it('finishes a zero-length job at once', () => {
    const plan = buildJobPlan({
      createdAt: 5,
      queuedMs: 0,
      runMs: 0,
      retries: 0,
      retryDelayMs: 0,
      outcome: 'succeeded',
    });
    expect(jobPhaseAt(plan, 5)).toEqual({ kind: 'finished', outcome: 'succeeded', finishedAt: 5 });
  });
});
