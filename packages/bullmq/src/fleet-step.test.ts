import {
  type AsyncJob,
  type AsyncJobError,
  asyncJobError,
  createAsyncJob,
  type JobStatus,
  type ResponseHints,
  resolveBackoff,
} from '@asyncjob/core';
import { err, ok, type Result } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { type FleetJobData, initialJobData } from './fleet-job-data';
import { DEFAULT_RATE_LIMIT_PAUSE_MS, decideStep, keyPauseOf, planFirstCheck } from './fleet-step';

const NOW = Date.parse('2026-05-20T10:00:00.000Z');
const backoff = resolveBackoff(
  { defaultDelayMs: 1000 },
  { jitter: 'none', minDelayMs: 500, maxDelayMs: 30_000 },
);

function job(status: JobStatus, extra: Partial<Parameters<typeof createAsyncJob>[0]> = {}): AsyncJob {
  return createAsyncJob({ provider: 'revor', id: 'j1', status, rawStatus: status, ...extra });
}

function data(overrides: Partial<FleetJobData> = {}): FleetJobData {
  return {
    ...initialJobData({
      ref: 'revor:j1',
      operation: 'dispatch',
      now: NOW - 10_000,
      deadline: null,
      job: null,
    }),
    ...overrides,
  };
}

function step(
  result: Result<AsyncJob, AsyncJobError>,
  options: { data?: FleetJobData; hints?: Partial<ResponseHints> | null } = {},
) {
  return decideStep({
    data: options.data ?? data(),
    provider: 'revor',
    id: 'j1',
    result,
    hints: options.hints ? { httpStatus: 200, receivedAt: NOW, ...options.hints } : null,
    backoff,
    now: NOW,
    random: () => 0.5,
  });
}

const running = { status: 'running' as const, rawStatus: 'running', scheduledAt: null, nextAttemptAt: null };

describe('decideStep', () => {
  it.each([['succeeded'], ['failed'], ['cancelled']] as const)('settles a %s job with the job', (status) => {
    const done = job(status);
    const decision = step(ok(done));
    expect(decision).toEqual({
      kind: 'settle',
      result: ok(done),
      data: { ...data(), checks: 1, attempt: 0, last: { ...running, status, rawStatus: status } },
      pause: null,
    });
  });

  it('checks a running job again after the backoff, counting attempts within a status', () => {
    const first = step(ok(job('running')));
    expect(first).toMatchObject({ kind: 'delay', delayMs: 1000, reason: 'backoff' });
    expect(first.data).toMatchObject({ checks: 1, attempt: 0, last: running });
    const second = step(ok(job('running')), { data: first.data });
    expect(second).toMatchObject({ kind: 'delay', delayMs: 1600, reason: 'backoff' });
    expect(second.data).toMatchObject({ checks: 2, attempt: 1 });
  });

  it('starts the backoff over when the status changes', () => {
    const decision = step(ok(job('running')), {
      data: data({ attempt: 5, last: { ...running, status: 'queued' } }),
    });
    expect(decision).toMatchObject({ kind: 'delay', delayMs: 1000, data: { attempt: 0 } });
  });

  it('does not check a scheduled job before its time', () => {
    const scheduledAt = new Date(NOW + 3_600_000);
    const decision = step(ok(job('scheduled', { scheduledAt })));
    expect(decision).toMatchObject({ kind: 'delay', delayMs: 3_600_000, reason: 'scheduled' });
  });

  it('settles an error that is not retryable', () => {
    const error = asyncJobError('not_found', 'gone', { provider: 'revor', httpStatus: 404 });
    expect(step(err(error))).toMatchObject({
      kind: 'settle',
      result: err(error),
      data: { checks: 1, attempt: 1 },
    });
  });

  it('retries a retryable error after the backoff', () => {
    const error = asyncJobError('server_error', 'boom', { provider: 'revor', httpStatus: 503 });
    expect(step(err(error))).toMatchObject({ kind: 'delay', delayMs: 1600, reason: 'backoff', pause: null });
  });

  it('hands a 429 back to the queue and pauses the key for Retry-After', () => {
    const error = asyncJobError('rate_limited', 'slow down', {
      provider: 'revor',
      httpStatus: 429,
      retryAfterMs: 2000,
    });
    expect(step(err(error), { hints: { httpStatus: 429, retryAfterMs: 2000 } })).toMatchObject({
      kind: 'rate_limited',
      pause: { pauseMs: 2000, reason: 'http_429' },
      data: { checks: 1, attempt: 1 },
    });
  });

  it('pauses a 429 without advice for the default time', () => {
    const error = asyncJobError('rate_limited', 'slow down', { provider: 'revor', httpStatus: 429 });
    expect(step(err(error))).toMatchObject({
      kind: 'rate_limited',
      pause: { pauseMs: DEFAULT_RATE_LIMIT_PAUSE_MS, reason: 'http_429' },
    });
  });

  it('ends with poll_timeout when a 429 asks to wait past the deadline', () => {
    const error = asyncJobError('rate_limited', 'slow down', {
      provider: 'revor',
      httpStatus: 429,
      retryAfterMs: 60_000,
    });
    const decision = step(err(error), { data: data({ deadline: NOW + 5000, last: running }) });
    expect(decision.kind).toBe('settle');
    expect(decision.kind === 'settle' && decision.result._unsafeUnwrapErr().kind).toBe('poll_timeout');
  });

  it('pauses the key when the rate window is used up, and still schedules the job', () => {
    const decision = step(ok(job('running')), {
      hints: { rateLimit: { limit: 120, remaining: 0, windowMs: 60_000 } },
    });
    expect(decision).toMatchObject({
      kind: 'delay',
      delayMs: 60_000,
      reason: 'rate_limit',
      pause: { pauseMs: 60_000, reason: 'window_exhausted' },
    });
  });

  it('places one last check before the deadline, then ends with poll_timeout carrying the last job', () => {
    const last = step(ok(job('running')), { data: data({ deadline: NOW + 800 }) });
    expect(last).toMatchObject({
      kind: 'delay',
      delayMs: 550,
      reason: 'final_check',
      data: { finalCheck: true },
    });
    const timedOut = step(ok(job('running')), { data: last.data });
    expect(timedOut.kind).toBe('settle');
    const error = timedOut.kind === 'settle' ? timedOut.result._unsafeUnwrapErr() : null;
    expect(error?.kind === 'poll_timeout' && error.lastJob?.status).toBe('running');
  });

  it('settles with poll_timeout when the deadline has passed, keeping the last status seen', () => {
    const decision = step(err(asyncJobError('network', 'reset')), {
      data: data({ deadline: NOW - 1, last: running }),
    });
    expect(decision.kind).toBe('settle');
    const error = decision.kind === 'settle' ? decision.result._unsafeUnwrapErr() : null;
    expect(error?.kind === 'poll_timeout' && error.lastJob?.status).toBe('running');
  });
});

describe('keyPauseOf', () => {
  it.each([
    ['a 200 with room left', ok(job('running')), { rateLimit: { remaining: 3, windowMs: 1000 } }, null],
    ['a 200 without headers', ok(job('running')), null, null],
    [
      'an exhausted window with a reset',
      ok(job('running')),
      { rateLimit: { remaining: 0, windowMs: 1000, resetMs: 250 } },
      { pauseMs: 250, reason: 'window_exhausted' },
    ],
    [
      'an exhausted account budget',
      ok(job('running')),
      { rateLimit: { userRemaining: 0, windowMs: 1000 } },
      { pauseMs: 1000, reason: 'window_exhausted' },
    ],
    [
      'a 429 with Retry-After and an exhausted window: the longer',
      err(asyncJobError('rate_limited', 'no', { retryAfterMs: 1000 })),
      { httpStatus: 429, rateLimit: { remaining: 0, windowMs: 3000 } },
      { pauseMs: 3000, reason: 'http_429' },
    ],
  ] as const)('%s', (_name, result, hints, expected) => {
    const full = hints ? { httpStatus: 200, receivedAt: NOW, ...hints } : null;
    expect(keyPauseOf(result as Result<AsyncJob, AsyncJobError>, full, NOW)).toEqual(expected);
  });
});

describe('planFirstCheck', () => {
  it('waits for a scheduled job in hand', () => {
    const scheduledAt = new Date(NOW + 120_000);
    const start = initialJobData({
      ref: 'revor:j1',
      operation: 'dispatch',
      now: NOW,
      deadline: null,
      job: job('scheduled', { scheduledAt }),
    });
    const decision = planFirstCheck({
      data: start,
      provider: 'revor',
      id: 'j1',
      backoff,
      now: NOW,
      random: () => 0.5,
    });
    expect(decision).toMatchObject({ kind: 'delay', delayMs: 120_000, reason: 'scheduled' });
  });
});
