import { describe, expect, it } from 'vitest';
import { createAsyncJob, isJobStatus, isTerminalStatus, JOB_STATUSES, type JobStatus } from './async-job';

describe('isTerminalStatus', () => {
  const table: [JobStatus, boolean][] = [
    ['queued', false],
    ['scheduled', false],
    ['running', false],
    ['retrying', false],
    ['awaiting_action', false],
    ['succeeded', true],
    ['failed', true],
    ['cancelled', true],
    ['unknown', false],
  ];
  it.each(table)('%s → %s', (status, terminal) => {
    expect(isTerminalStatus(status)).toBe(terminal);
  });
  it('covers all nine statuses', () => {
    expect(table.map(([status]) => status)).toEqual([...JOB_STATUSES]);
  });
});

describe('isJobStatus', () => {
  it('accepts the nine statuses only', () => {
    expect(JOB_STATUSES.every(isJobStatus)).toBe(true);
    expect(isJobStatus('completed')).toBe(false);
    expect(isJobStatus(3)).toBe(false);
  });
});

describe('createAsyncJob', () => {
  it('fills a pending job with nulls and derives the ref', () => {
    expect(createAsyncJob({ provider: 'revor', id: 'job_1', status: 'queued', rawStatus: 'queued' })).toEqual(
      {
        ref: 'revor:job_1',
        provider: 'revor',
        id: 'job_1',
        status: 'queued',
        rawStatus: 'queued',
        terminal: false,
        result: null,
        failure: null,
        createdAt: null,
        updatedAt: null,
        scheduledAt: null,
        startedAt: null,
        finishedAt: null,
        nextAttemptAt: null,
        attempts: null,
        raw: null,
      },
    );
  });

  it('keeps a result only on success and a failure only on failure or cancellation', () => {
    const failure = { code: 'x', message: 'y', retryable: false };
    const running = createAsyncJob({
      provider: 'a',
      id: '1',
      status: 'running',
      rawStatus: 'r',
      result: 1,
      failure,
    });
    expect(running.result).toBeNull();
    expect(running.failure).toBeNull();
    const succeeded = createAsyncJob({
      provider: 'a',
      id: '1',
      status: 'succeeded',
      rawStatus: 's',
      result: 1,
      failure,
    });
    expect(succeeded).toMatchObject({ terminal: true, result: 1, failure: null });
    const failed = createAsyncJob({
      provider: 'a',
      id: '1',
      status: 'failed',
      rawStatus: 'f',
      result: 1,
      failure,
    });
    expect(failed).toMatchObject({ terminal: true, result: null, failure });
    const cancelled = createAsyncJob({ provider: 'a', id: '1', status: 'cancelled', rawStatus: 'c' });
    expect(cancelled).toMatchObject({ terminal: true, result: null, failure: null });
  });

  it('gives a failed job without a reason a default failure', () => {
    const failed = createAsyncJob({ provider: 'a', id: '1', status: 'failed', rawStatus: 'failed' });
    expect(failed.failure).toEqual({
      code: 'job_failed',
      message: 'The vendor reported the job as failed without a reason.',
      retryable: false,
    });
  });

  it('reads a timestamp that did not parse as unknown (null), not as an Invalid Date', () => {
    const job = createAsyncJob({
      provider: 'a',
      id: '1',
      status: 'queued',
      rawStatus: 'q',
      createdAt: new Date('nope'),
    });
    expect(job.createdAt).toBeNull();
  });

  it('uses an explicit ref when the adapter gives one', () => {
    const job = createAsyncJob({
      provider: 'revkeen',
      id: 'a/b',
      ref: 'revkeen:a/b',
      status: 'queued',
      rawStatus: 'q',
    });
    expect(job.ref).toBe('revkeen:a/b');
  });
});
