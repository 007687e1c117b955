import { describe, expect, it } from 'vitest';
import { createAsyncJob } from './async-job';
import { jobFromJson, jobToJson } from './async-job-json';

const job = createAsyncJob({
  provider: 'revor',
  id: 'job_1',
  status: 'succeeded',
  rawStatus: 'succeeded',
  result: { messageId: 'm1' },
  scheduledAt: new Date('2026-05-20T10:00:00.000Z'),
  finishedAt: new Date('2026-05-20T10:00:08.000Z'),
  attempts: 1,
  raw: { id: 'job_1' },
});

describe('jobToJson / jobFromJson', () => {
  it('writes dates as ISO strings and leaves raw out unless asked', () => {
    const json = jobToJson(job);
    expect(json).toMatchObject({
      scheduledAt: '2026-05-20T10:00:00.000Z',
      startedAt: null,
      result: { messageId: 'm1' },
    });
    expect('raw' in json).toBe(false);
    expect(jobToJson(job, { raw: true }).raw).toEqual({ id: 'job_1' });
  });

  it('round-trips through JSON text', () => {
    const text = JSON.stringify(jobToJson(job, { raw: true }));
    expect(jobFromJson(JSON.parse(text))._unsafeUnwrap()).toEqual(job);
  });

  it('refuses malformed data with invalid_response', () => {
    expect(jobFromJson({ ref: 'x' })._unsafeUnwrapErr()).toMatchObject({ kind: 'invalid_response' });
  });
});
