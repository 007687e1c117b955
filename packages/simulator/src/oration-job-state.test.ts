import { describe, expect, it } from 'vitest';
import { buildJobPlan } from './job-plan';
import { type OrationJob, orationJobBody, orationJobTruth, orationStatusAt } from './oration-job-state';

const plan = buildJobPlan({
  createdAt: 0,
  queuedMs: 1000,
  runMs: 500,
  retries: 1,
  retryDelayMs: 300,
  outcome: 'succeeded',
});

describe('orationStatusAt', () => {
  it.each([
    [0, 'created', 0],
    [199, 'created', 0],
    [200, 'queued', 200],
    [1000, 'active', 1000],
    [1500, 'retrying', 1500],
    [1800, 'active', 1800],
    [2300, 'success', 2300],
  ])('at %i → %s since %i', (nowMs, status, changedAt) => {
    expect(orationStatusAt(plan, nowMs)).toEqual({ status, changedAt });
  });

  it('ends a cancelled plan as failed (Oration has no cancelled status)', () => {
    const cancelled = buildJobPlan({
      createdAt: 0,
      queuedMs: 10,
      runMs: 5,
      retries: 0,
      retryDelayMs: 0,
      outcome: 'cancelled',
    });
    expect(orationStatusAt(cancelled, 10).status).toBe('failed');
  });
});

describe('orationJobBody', () => {
  const job: OrationJob = {
    id: 'j',
    apiKey: 'k',
    workspaceId: 'w',
    jobProviderId: 'p',
    name: 'customer.createBatch',
    plan: buildJobPlan({
      createdAt: 0,
      queuedMs: 0,
      runMs: 10,
      retries: 0,
      retryDelayMs: 0,
      outcome: 'failed',
    }),
    errorMessage: 'boom',
  };

  it('is the bare documented object, with error only once failed', () => {
    expect(orationJobBody(job, 5)).toEqual({
      id: 'j',
      createdAt: '1970-01-01T00:00:00.000Z',
      updatedAt: '1970-01-01T00:00:00.000Z',
      jobProviderId: 'p',
      name: 'customer.createBatch',
      status: 'active',
      error: null,
      workspaceId: 'w',
    });
    expect(orationJobBody(job, 10)).toMatchObject({
      status: 'failed',
      error: 'boom',
      updatedAt: '1970-01-01T00:00:00.010Z',
    });
    expect(orationJobTruth(job, 10)).toMatchObject({ tenant: 'w', outcome: 'failed', finishedAtMs: 10 });
  });
});
