import type { AsyncJob } from '@asyncjob/core';
import { loadFixture } from '@asyncjob/core/test';
import { describe, expect, it } from 'vitest';
import { convertOrationCreatedJob, convertOrationJob, type OrationResult } from './convert-oration-job';
import { type OrationJob, orationCustomerBatchResponseSchema, orationJobSchema } from './oration-api';

const succeeded = orationJobSchema.parse(
  loadFixture(import.meta.url, '__fixtures__/oration-jobs-get-success.json'),
);
const JOB_ID = '5135bfe3-b2c7-41f3-a44f-f4b58e7384df';
const CREATED_AT = new Date('2026-04-01T10:16:00.000Z');
const UPDATED_AT = new Date('2026-04-01T10:18:42.000Z');

/** The documented example with another status, as Oration would send it at that stage. */
function at(status: string, error: OrationJob['error'] = null): OrationJob {
  return { ...succeeded, status, error };
}

describe('convertOrationJob', () => {
  it('converts the documented succeeded job (fixture oration-jobs-get-success.json)', () => {
    const expected: AsyncJob<OrationResult> = {
      ref: `oration:${JOB_ID}`,
      provider: 'oration',
      id: JOB_ID,
      status: 'succeeded',
      rawStatus: 'success',
      terminal: true,
      result: null,
      failure: null,
      createdAt: CREATED_AT,
      updatedAt: UPDATED_AT,
      scheduledAt: null,
      startedAt: null,
      finishedAt: UPDATED_AT,
      nextAttemptAt: null,
      attempts: null,
      raw: succeeded,
    };
    expect(convertOrationJob(succeeded)).toEqual(expected);
  });

  it('converts a failed job: Oration’s error string becomes the failure message', () => {
    const wire = at('failed', 'Row 3: phoneNumber is not E.164');
    const expected: AsyncJob<OrationResult> = {
      ref: `oration:${JOB_ID}`,
      provider: 'oration',
      id: JOB_ID,
      status: 'failed',
      rawStatus: 'failed',
      terminal: true,
      result: null,
      failure: { code: 'job_failed', message: 'Row 3: phoneNumber is not E.164', retryable: false },
      createdAt: CREATED_AT,
      updatedAt: UPDATED_AT,
      scheduledAt: null,
      startedAt: null,
      finishedAt: UPDATED_AT,
      nextAttemptAt: null,
      attempts: null,
      raw: wire,
    };
    expect(convertOrationJob(wire)).toEqual(expected);
  });

  it('converts a running job: not terminal, no finish time', () => {
    const wire = at('active');
    const expected: AsyncJob<OrationResult> = {
      ref: `oration:${JOB_ID}`,
      provider: 'oration',
      id: JOB_ID,
      status: 'running',
      rawStatus: 'active',
      terminal: false,
      result: null,
      failure: null,
      createdAt: CREATED_AT,
      updatedAt: UPDATED_AT,
      scheduledAt: null,
      startedAt: null,
      finishedAt: null,
      nextAttemptAt: null,
      attempts: null,
      raw: wire,
    };
    expect(convertOrationJob(wire)).toEqual(expected);
  });

  it.each([
    ['created', 'queued'],
    ['queued', 'queued'],
    ['retrying', 'retrying'],
    ['paused', 'unknown'],
  ] as const)('keeps the raw status %s next to %s', (rawStatus, status) => {
    const job = convertOrationJob(at(rawStatus, rawStatus === 'retrying' ? 'timeout, will retry' : null));
    expect(job).toMatchObject({ status, rawStatus, terminal: false, failure: null, finishedAt: null });
  });

  it.each([
    [
      'a null error',
      null,
      { code: 'job_failed', message: expect.stringContaining('without an error message') },
    ],
    [
      'a blank error',
      '  ',
      { code: 'job_failed', message: expect.stringContaining('without an error message') },
    ],
    [
      'an error object',
      { code: 'import_failed', message: 'Bad rows' },
      { code: 'import_failed', message: 'Bad rows' },
    ],
  ] as const)('reads a failed job with %s', (_name, error, failure) => {
    expect(convertOrationJob(at('failed', error)).failure).toEqual({ ...failure, retryable: false });
  });

  it('leaves dates null when they are missing or unreadable', () => {
    const job = convertOrationJob({ id: JOB_ID, status: 'success', createdAt: 'yesterday', updatedAt: null });
    expect(job).toMatchObject({ createdAt: null, updatedAt: null, finishedAt: null, status: 'succeeded' });
  });
});

describe('convertOrationCreatedJob', () => {
  it('synthesizes a queued job from the create answer (fixture oration-customers-batch-created.json)', () => {
    const wire = orationCustomerBatchResponseSchema.parse(
      loadFixture(import.meta.url, '__fixtures__/oration-customers-batch-created.json'),
    );
    const expected: AsyncJob<OrationResult> = {
      ref: `oration:${JOB_ID}`,
      provider: 'oration',
      id: JOB_ID,
      status: 'queued',
      rawStatus: 'created',
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
      raw: { jobId: JOB_ID },
    };
    expect(convertOrationCreatedJob(wire)).toEqual(expected);
  });
});
