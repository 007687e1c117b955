import { describe, expect, it } from 'vitest';
import { buildJobPlan } from './job-plan';
import { type RevorJob, revorJobItem, revorJobTruth } from './revor-job-state';

const error = { code: 'delivery_failed', message: 'delivery_failed', retryable: true };
const job = (outcome: 'succeeded' | 'failed' | 'cancelled', retries = 0): RevorJob => ({
  id: 'job-1',
  apiKey: 'k',
  action: 'outreach.dispatch',
  channel: 'email',
  plan: buildJobPlan({
    createdAt: 0,
    eligibleAt: 1000,
    queuedMs: 100,
    runMs: 50,
    retries,
    retryDelayMs: 500,
    outcome,
  }),
  result: { status: 'accepted' },
  error,
});
const iso = (ms: number) => new Date(ms).toISOString();

describe('revorJobItem', () => {
  it.each([
    ['succeeded', 0, 500, { status: 'scheduled', attempt_count: 0, started_at: null, next_attempt_at: null }],
    ['succeeded', 0, 1000, { status: 'queued', attempt_count: 0 }],
    ['succeeded', 0, 1100, { status: 'running', attempt_count: 1, started_at: iso(1100) }],
    [
      'succeeded',
      0,
      1150,
      { status: 'succeeded', finished_at: iso(1150), result: { status: 'accepted' }, error: null },
    ],
    ['failed', 1, 1150, { status: 'scheduled', attempt_count: 1, next_attempt_at: iso(1650), error: null }],
    ['failed', 1, 1650, { status: 'running', attempt_count: 2, started_at: iso(1100) }],
    ['failed', 1, 1700, { status: 'failed', attempt_count: 2, finished_at: iso(1700), result: null, error }],
    [
      'cancelled',
      0,
      1100,
      { status: 'cancelled', attempt_count: 0, started_at: null, finished_at: iso(1100) },
    ],
  ] as const)('%s (retries %i) at %i', (outcome, retries, nowMs, expected) => {
    const item = revorJobItem(job(outcome, retries), nowMs);
    expect(item).toMatchObject({
      id: 'job-1',
      action: 'outreach.dispatch',
      channel: 'email',
      scheduled_at: iso(1000),
      ...expected,
    });
  });

  it.each([
    ['v1', 1139, 'running'],
    ['v1', 1140, 'running'],
    ['v2', 1139, 'running'],
    ['v2', 1140, 'settling'],
  ] as const)('%s at %i shows %s near the end of a successful run', (version, nowMs, status) => {
    expect(revorJobItem(job('succeeded'), nowMs, version).status).toBe(status);
  });

  it('never shows settling before a failure', () => {
    expect(revorJobItem(job('failed'), 1149, 'v2').status).toBe('running');
  });

  it('reports the truth with the real finish time', () => {
    expect(revorJobTruth(job('failed'), 1149)).toMatchObject({
      terminal: false,
      finishedAtMs: null,
      expectedFinishAtMs: 1150,
    });
    expect(revorJobTruth(job('failed'), 2000)).toMatchObject({
      terminal: true,
      outcome: 'failed',
      finishedAtMs: 1150,
    });
  });
});
