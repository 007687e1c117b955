import { describe, expect, it } from 'vitest';
import { type AsyncJob, createAsyncJob, type JobStatus } from './async-job';
import { asyncJobError } from './async-job-error';
import { MAX_TIMER_DELAY_MS } from './delay';
import {
  backoffDelay,
  computeNextDelay,
  type NextDelayInput,
  resolveBackoff,
  serverHint,
} from './next-delay';

const NOW = Date.parse('2026-05-20T10:00:00.000Z');
const backoff = resolveBackoff({ defaultDelayMs: 1000 }, { minDelayMs: 500, maxDelayMs: 30_000, factor: 2 });

function job(status: JobStatus, fields: { scheduledAt?: number; nextAttemptAt?: number } = {}): AsyncJob {
  return createAsyncJob({
    provider: 'acme',
    id: 'j',
    status,
    rawStatus: status,
    scheduledAt: fields.scheduledAt === undefined ? null : new Date(fields.scheduledAt),
    nextAttemptAt: fields.nextAttemptAt === undefined ? null : new Date(fields.nextAttemptAt),
  });
}

function input(overrides: Partial<NextDelayInput>): NextDelayInput {
  return {
    attempt: 0,
    job: job('running'),
    error: null,
    hints: null,
    backoff,
    now: NOW,
    deadline: null,
    random: () => 0.5,
    ...overrides,
  };
}

describe('resolveBackoff', () => {
  it('starts from the provider advice, clamped to [min, max]', () => {
    expect(resolveBackoff({ defaultDelayMs: 5000 })).toEqual({
      minDelayMs: 500,
      maxDelayMs: 30_000,
      initialDelayMs: 5000,
      factor: 1.6,
      jitter: 'full',
      finalCheckLeadMs: 250,
    });
    expect(resolveBackoff({ defaultDelayMs: 5000 }, { maxDelayMs: 2000 }).initialDelayMs).toBe(2000);
    expect(resolveBackoff({ defaultDelayMs: 10 }, { minDelayMs: 100 }).initialDelayMs).toBe(100);
    expect(resolveBackoff({ defaultDelayMs: 10, minDelayMs: 800 }, { maxDelayMs: 100 }).maxDelayMs).toBe(800);
  });
});

describe('backoffDelay', () => {
  const none = { ...backoff, jitter: 'none' as const };
  it.each([
    [0, 1000],
    [1, 2000],
    [2, 4000],
    [4, 16_000],
    [5, 30_000],
    [50, 30_000],
  ])('without jitter, attempt %i waits %i ms', (attempt, expected) => {
    expect(backoffDelay(attempt, none, () => 0.99)).toBe(expected);
  });

  it.each([
    [0, 0, 500],
    [0, 0.5, 750],
    [0, 0.999_999, 1000],
    [3, 0, 500],
    [3, 0.5, 4250],
  ])(
    'full jitter, attempt %i, random %f → %i ms (between min and the ceiling)',
    (attempt, random, expected) => {
      expect(backoffDelay(attempt, backoff, () => random)).toBe(expected);
    },
  );
});

describe('serverHint', () => {
  it.each([
    ['no hint', {}, null],
    ['Retry-After on an error', { error: asyncJobError('rate_limited', 'm', { retryAfterMs: 3000 }) }, 3000],
    ['Retry-After on a success', { hints: { httpStatus: 200, receivedAt: NOW, retryAfterMs: 1500 } }, 1500],
    [
      'an exhausted rate-limit window',
      { hints: { httpStatus: 200, receivedAt: NOW, rateLimit: { remaining: 0, windowMs: 60_000 } } },
      60_000,
    ],
    [
      'a window with room left',
      { hints: { httpStatus: 200, receivedAt: NOW, rateLimit: { remaining: 3, windowMs: 60_000 } } },
      null,
    ],
    ['a scheduled job', { job: job('scheduled', { scheduledAt: NOW + 3_600_000 }) }, 3_600_000],
    ['a queued job with a start time', { job: job('queued', { scheduledAt: NOW + 90_000 }) }, 90_000],
    [
      'a running job ignores its old scheduledAt',
      { job: job('running', { scheduledAt: NOW + 90_000 }) },
      null,
    ],
    ['a job waiting for its next attempt', { job: job('retrying', { nextAttemptAt: NOW + 20_000 }) }, 20_000],
    ['a scheduled time in the past', { job: job('scheduled', { scheduledAt: NOW - 1000 }) }, null],
  ] as const)('%s', (_name, fields, expected) => {
    const hint = serverHint({ job: null, error: null, hints: null, now: NOW, ...fields });
    expect(hint?.delayMs ?? null).toBe(expected);
  });
});

describe('computeNextDelay', () => {
  it.each([
    ['backoff from the first attempt', {}, { kind: 'wait', delayMs: 750, reason: 'backoff' }],
    ['backoff grows with attempts', { attempt: 3 }, { kind: 'wait', delayMs: 4250, reason: 'backoff' }],
    [
      'Retry-After longer than the backoff wins',
      { error: asyncJobError('rate_limited', 'm', { retryAfterMs: 7000 }) },
      { kind: 'wait', delayMs: 7000, reason: 'retry_after' },
    ],
    [
      'Retry-After shorter than the backoff is not a reason to hurry',
      { attempt: 3, error: asyncJobError('rate_limited', 'm', { retryAfterMs: 100 }) },
      { kind: 'wait', delayMs: 4250, reason: 'backoff' },
    ],
    [
      'a job scheduled in an hour is checked once, after an hour (beyond maxDelayMs on purpose)',
      { job: job('scheduled', { scheduledAt: NOW + 3_600_000 }) },
      { kind: 'wait', delayMs: 3_600_000, reason: 'scheduled' },
    ],
    [
      'a retrying job waits for its next attempt',
      { job: job('retrying', { nextAttemptAt: NOW + 45_000 }) },
      { kind: 'wait', delayMs: 45_000, reason: 'next_attempt' },
    ],
    [
      'a hint past Node’s timer limit is clamped to it',
      { job: job('scheduled', { scheduledAt: NOW + 40 * 86_400_000 }) },
      { kind: 'wait', delayMs: MAX_TIMER_DELAY_MS, reason: 'scheduled' },
    ],
    [
      'a hint past the deadline becomes one last check just before it',
      { job: job('scheduled', { scheduledAt: NOW + 3_600_000 }), deadline: NOW + 60_000 },
      { kind: 'wait', delayMs: 59_750, reason: 'final_check' },
    ],
    [
      'a backoff past the deadline becomes one last check just before it',
      { attempt: 10, deadline: NOW + 2000 },
      { kind: 'wait', delayMs: 1750, reason: 'final_check' },
    ],
    ['a deadline already passed stops', { deadline: NOW - 1 }, { kind: 'stop' }],
    [
      'a Retry-After past the deadline stops: a last check would be refused too',
      { error: asyncJobError('rate_limited', 'm', { retryAfterMs: 120_000 }), deadline: NOW + 60_000 },
      { kind: 'stop' },
    ],
    [
      'well before the deadline nothing changes',
      { deadline: NOW + 600_000 },
      { kind: 'wait', delayMs: 750, reason: 'backoff' },
    ],
  ] as const)('%s', (_name, overrides, expected) => {
    expect(computeNextDelay(input(overrides as Partial<NextDelayInput>))).toEqual(expected);
  });

  it('never waits less than minDelayMs', () => {
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const next = computeNextDelay(input({ attempt, random: () => 0 }));
      expect(next).toMatchObject({ kind: 'wait' });
      if (next.kind === 'wait') expect(next.delayMs).toBeGreaterThanOrEqual(500);
    }
  });
});
