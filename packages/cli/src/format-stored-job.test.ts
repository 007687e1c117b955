import {
  asyncJobError,
  createAsyncJob,
  jobToJson,
  type StoredJob,
  type TrackedJobState,
} from '@asyncjob/core';
import { describe, expect, it } from 'vitest';
import {
  formatStoredJobJsonLine,
  formatStoredJobLine,
  summarizeStoredJobs,
  toStoredJobJson,
} from './format-stored-job';

const T0 = Date.parse('2026-05-20T10:00:00.000Z');

function state(ref: string, overrides: Partial<TrackedJobState> = {}): TrackedJobState {
  return {
    ref,
    operation: 'wait',
    status: null,
    rawStatus: null,
    trackedAt: T0,
    deadline: T0 + 600_000,
    dueAt: T0,
    phaseSince: T0,
    attempt: 0,
    scheduledAt: null,
    nextAttemptAt: null,
    ...overrides,
  };
}

const failedJob = createAsyncJob({
  provider: 'revkeen',
  id: 'auto_1/run_1',
  status: 'failed',
  rawStatus: 'error',
  failure: { code: 'step_failed', message: 'Step 2\nfailed', retryable: false },
  finishedAt: new Date(T0 + 5_000),
  raw: { id: 'run_1', status: 'error' },
});

const succeededJob = createAsyncJob({
  provider: 'revor',
  id: 'job_1',
  status: 'succeeded',
  rawStatus: 'succeeded',
  finishedAt: new Date(T0 + 4_000),
});

const settled = (job: typeof failedJob, operation = 'run'): StoredJob => ({
  state: state(job.ref, { operation, status: 'running', rawStatus: 'running' }),
  updatedAt: T0 + 5_100,
  outcome: { type: 'job', job: jobToJson(job, { raw: true }) },
  settledAt: T0 + 5_100,
  handledAt: T0 + 5_100,
});

const notFound: StoredJob = {
  state: state('outx:task_9'),
  updatedAt: T0 + 200,
  outcome: {
    type: 'error',
    error: asyncJobError('not_found', 'outx answered HTTP 404.', {
      provider: 'outx',
      httpStatus: 404,
      code: 'task_not_found',
      requestId: 'req_1',
    }),
  },
  settledAt: T0 + 200,
  handledAt: T0 + 200,
};

const running: StoredJob = {
  state: state('oration:job_3', { status: 'running', rawStatus: 'processing' }),
  updatedAt: T0 + 1_000,
  outcome: null,
  settledAt: null,
  handledAt: null,
};

const neverSeen: StoredJob = { ...running, state: state('revor:job_4'), updatedAt: T0 };

describe('formatStoredJobLine', () => {
  it.each([
    [settled(failedJob), 'revkeen:auto_1/run_1  failed (error)  step_failed: Step 2 failed'],
    [settled(succeededJob, 'dispatch'), 'revor:job_1  succeeded  finished 2026-05-20T10:00:04.000Z'],
    [notFound, 'outx:task_9  error  not_found: outx answered HTTP 404.'],
    [running, 'oration:job_3  running (processing)  unsettled'],
    [neverSeen, 'revor:job_4  not seen yet  unsettled'],
  ])('%#: %s', (stored, line) => {
    expect(formatStoredJobLine(stored)).toBe(line);
  });
});

describe('toStoredJobJson', () => {
  it('gives a settled job its terminal status, failure and settle time', () => {
    expect(toStoredJobJson(settled(failedJob))).toEqual({
      ref: 'revkeen:auto_1/run_1',
      provider: 'revkeen',
      operation: 'run',
      status: 'failed',
      rawStatus: 'error',
      settled: true,
      settledAt: '2026-05-20T10:00:05.100Z',
      updatedAt: '2026-05-20T10:00:05.100Z',
      failure: { code: 'step_failed', message: 'Step 2\nfailed', retryable: false },
      error: null,
    });
  });

  it('gives an error its last known status and the error as --json prints errors', () => {
    expect(toStoredJobJson(notFound)).toEqual({
      ref: 'outx:task_9',
      provider: 'outx',
      operation: 'wait',
      status: null,
      rawStatus: null,
      settled: true,
      settledAt: '2026-05-20T10:00:00.200Z',
      updatedAt: '2026-05-20T10:00:00.200Z',
      failure: null,
      error: {
        kind: 'not_found',
        code: 'task_not_found',
        message: 'outx answered HTTP 404.',
        httpStatus: 404,
        requestId: 'req_1',
      },
    });
  });

  it('gives an unsettled job its last known status and no settle time', () => {
    expect(toStoredJobJson(running)).toMatchObject({
      ref: 'oration:job_3',
      provider: 'oration',
      status: 'running',
      rawStatus: 'processing',
      settled: false,
      settledAt: null,
      error: null,
    });
  });

  it('prints one line with the same keys for every kind of record, and never the raw body', () => {
    const lines = [settled(failedJob), notFound, running, neverSeen].map(formatStoredJobJsonLine);
    for (const line of lines) {
      expect(line).not.toContain('\n');
      expect(Object.keys(JSON.parse(line))).toEqual(Object.keys(toStoredJobJson(running)));
    }
    expect(lines.join('')).not.toContain('"raw"');
  });
});

describe('summarizeStoredJobs', () => {
  it.each([
    [[], 'jobs.db', 'no jobs recorded in jobs.db'],
    [[notFound], 'jobs.db', '1 job in jobs.db: 1 settled, 0 unsettled'],
    [
      [notFound, running, neverSeen],
      'my jobs.db',
      "3 jobs in my jobs.db: 1 settled, 2 unsettled; continue with: asyncjob resume --store 'my jobs.db'",
    ],
  ])('%#', (jobs, path, line) => {
    expect(summarizeStoredJobs(jobs, path)).toBe(line);
  });
});
