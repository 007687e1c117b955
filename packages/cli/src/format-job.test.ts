import { type AsyncJob, createAsyncJob } from '@asyncjob/core';
import { describe, expect, it } from 'vitest';
import { formatFailure, formatJobJsonLine, formatJobLine, oneLine, toJobJson } from './format-job';

const at = (time: string) => new Date(`2026-05-20T${time}Z`);

const succeeded = createAsyncJob({
  provider: 'revor',
  id: 'job_1',
  status: 'succeeded',
  rawStatus: 'succeeded',
  result: { status: 'accepted', sentAt: at('10:00:05.000') },
  createdAt: at('10:00:00.000'),
  startedAt: at('10:00:01.000'),
  finishedAt: at('10:00:05.000'),
  attempts: 1,
  raw: { id: 'job_1', status: 'succeeded', secret_looking_field: 'kept only with --raw' },
});

describe('toJobJson', () => {
  it('writes the model with ISO dates and leaves raw out', () => {
    expect(toJobJson(succeeded)).toEqual({
      ref: 'revor:job_1',
      provider: 'revor',
      id: 'job_1',
      status: 'succeeded',
      rawStatus: 'succeeded',
      terminal: true,
      result: { status: 'accepted', sentAt: at('10:00:05.000') },
      failure: null,
      createdAt: '2026-05-20T10:00:00.000Z',
      updatedAt: null,
      scheduledAt: null,
      startedAt: '2026-05-20T10:00:01.000Z',
      finishedAt: '2026-05-20T10:00:05.000Z',
      nextAttemptAt: null,
      attempts: 1,
    });
  });

  it('keeps raw with --raw', () => {
    expect(toJobJson(succeeded, { raw: true }).raw).toEqual(succeeded.raw);
  });

  it('prints one parseable line, dates inside the result included', () => {
    const line = formatJobJsonLine(succeeded);
    expect(line).not.toContain('\n');
    expect(JSON.parse(line)).toMatchObject({
      ref: 'revor:job_1',
      result: { sentAt: '2026-05-20T10:00:05.000Z' },
    });
    expect(JSON.parse(line)).not.toHaveProperty('raw');
  });
});

describe('formatJobLine', () => {
  const job = (init: Partial<Parameters<typeof createAsyncJob>[0]>): AsyncJob =>
    createAsyncJob({ provider: 'outx', id: 'task_9', status: 'queued', rawStatus: 'pending', ...init });

  it.each<[string, AsyncJob, string]>([
    ['the vendor word when it differs', job({}), 'outx:task_9  queued (pending)'],
    ['no repeated word', job({ status: 'running', rawStatus: 'running' }), 'outx:task_9  running'],
    [
      'the planned start of a scheduled job',
      job({ status: 'scheduled', rawStatus: 'scheduled', scheduledAt: at('11:00:00.000') }),
      'outx:task_9  scheduled  starts 2026-05-20T11:00:00.000Z',
    ],
    [
      'the next attempt of a retrying job',
      job({ status: 'retrying', rawStatus: 'retrying', nextAttemptAt: at('10:05:00.000') }),
      'outx:task_9  retrying  next attempt 2026-05-20T10:05:00.000Z',
    ],
    [
      'the failure of a failed job',
      job({
        status: 'failed',
        rawStatus: 'completed',
        failure: { code: 'task_failed', message: 'Profile not\nfound', retryable: false },
      }),
      'outx:task_9  failed (completed)  task_failed: Profile not found',
    ],
    [
      'a cancelled job without a reason',
      job({ status: 'cancelled', rawStatus: 'cancelled' }),
      'outx:task_9  cancelled',
    ],
    [
      'the finish of a succeeded job',
      job({ status: 'succeeded', rawStatus: 'completed', finishedAt: at('10:01:00.000') }),
      'outx:task_9  succeeded (completed)  finished 2026-05-20T10:01:00.000Z',
    ],
  ])('shows %s', (_, input, expected) => {
    expect(formatJobLine(input)).toBe(expected);
  });
});

describe('formatFailure', () => {
  it.each([
    [{ code: 'task_cancelled', message: 'task_cancelled', retryable: false }, 'task_cancelled'],
    [{ code: 'run_failed', message: '', retryable: false }, 'run_failed'],
    [
      { code: 'run_failed', message: 'Step  "Plan"\tfailed ', retryable: false },
      'run_failed: Step "Plan" failed',
    ],
  ])('%j gives %j', (failure, expected) => {
    expect(formatFailure(failure)).toBe(expected);
  });

  it('collapses whitespace', () => {
    expect(oneLine('  a\n\n b  ')).toBe('a b');
  });
});
