import { loadFixture } from '@asyncjob/core/test';
import { describe, expect, it } from 'vitest';
import { orationCustomerBatchResponseSchema, orationErrorBodySchema, orationJobSchema } from './oration-api';

const job = loadFixture<Record<string, unknown>>(
  import.meta.url,
  '__fixtures__/oration-jobs-get-success.json',
);

describe('orationJobSchema', () => {
  it('accepts the documented job and keeps the fields it does not declare', () => {
    const parsed = orationJobSchema.parse(job);
    expect(parsed).toEqual(job);
    expect(parsed).toHaveProperty('jobProviderId', 'b9eb98d0-2445-46a3-8107-4fcf243f85e4');
  });

  it('accepts extra fields and a new status word', () => {
    const drifted = { ...job, status: 'paused', progress: 0.4, attempts: [1, 2] };
    expect(orationJobSchema.parse(drifted)).toEqual(drifted);
  });

  it('accepts missing optional fields', () => {
    expect(orationJobSchema.safeParse({ id: 'job_1', status: 'queued' }).success).toBe(true);
  });

  it.each([
    ['without an id', { ...job, id: undefined }],
    ['with an empty id', { ...job, id: '' }],
    ['without a status', { ...job, status: undefined }],
    ['with a numeric status', { ...job, status: 3 }],
    ['with an error of another type', { ...job, error: 42 }],
  ])('rejects a job %s', (_name, body) => {
    expect(orationJobSchema.safeParse(body).success).toBe(false);
  });
});

describe('orationCustomerBatchResponseSchema', () => {
  it('accepts the documented answer', () => {
    const body = loadFixture(import.meta.url, '__fixtures__/oration-customers-batch-created.json');
    expect(orationCustomerBatchResponseSchema.parse(body)).toEqual(body);
  });

  it('rejects an answer without a job id', () => {
    expect(orationCustomerBatchResponseSchema.safeParse({ id: 'x' }).success).toBe(false);
  });
});

describe('orationErrorBodySchema', () => {
  it('never fails on an object, whatever its fields hold', () => {
    expect(orationErrorBodySchema.safeParse({ code: [], message: {}, error: 1, errors: 'x' }).success).toBe(
      true,
    );
  });
});
