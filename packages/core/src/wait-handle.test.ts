import { ok } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { createAsyncJob, type JobStatus } from './async-job';
import { createJobRegistry } from './job-registry';
import { createFakeClock, scriptedClient } from './test/index';
import { createWaitHandle, parseWaitHandle, resumeWait, serializeWaitHandle } from './wait-handle';

const job = (status: JobStatus, scheduledAt: Date | null = null) =>
  createAsyncJob({ provider: 'revor', id: 'job_1', status, rawStatus: status, scheduledAt });

describe('wait handles', () => {
  it('round-trip through JSON', () => {
    const handle = createWaitHandle('revor:job_1', {
      deadline: Date.parse('2026-05-20T11:00:00.000Z'),
      startedAt: new Date('2026-05-20T10:00:00.000Z'),
      lastJob: job('scheduled', new Date('2026-05-20T10:30:00.000Z')),
      backoff: { minDelayMs: 1000 },
    });
    const text = serializeWaitHandle(handle);
    expect(JSON.parse(text)).toEqual({
      version: 1,
      ref: 'revor:job_1',
      startedAt: '2026-05-20T10:00:00.000Z',
      deadline: '2026-05-20T11:00:00.000Z',
      last: {
        status: 'scheduled',
        rawStatus: 'scheduled',
        scheduledAt: '2026-05-20T10:30:00.000Z',
        nextAttemptAt: null,
      },
      backoff: { minDelayMs: 1000 },
    });
    expect(parseWaitHandle(text)._unsafeUnwrap()).toEqual(handle);
  });

  it.each([
    ['{not json', 'handle'],
    [JSON.stringify({ version: 2, ref: 'revor:x' }), 'handle.version'],
    [{ version: 1, ref: 'revor:x', startedAt: 'yesterday', deadline: null, last: null }, 'handle.startedAt'],
  ])('refuses %j with a config error naming %s', (input, field) => {
    expect(parseWaitHandle(input)._unsafeUnwrapErr()).toMatchObject({ kind: 'config', field });
  });

  it('resumes in another registry with the same deadline, without checking a scheduled job early', async () => {
    const clock = createFakeClock(Date.parse('2026-05-20T10:00:00.000Z'));
    const client = scriptedClient([job('running'), job('succeeded')], { provider: 'revor' });
    const registry = createJobRegistry({
      factories: { revor: () => ok(client) },
      configs: [{ provider: 'revor', apiKey: 'k' }],
    })._unsafeUnwrap();
    const handle = createWaitHandle('revor:job_1', {
      deadline: Date.parse('2026-05-20T11:00:00.000Z'),
      lastJob: job('scheduled', new Date('2026-05-20T10:30:00.000Z')),
    });
    const resumed = parseWaitHandle(serializeWaitHandle(handle))._unsafeUnwrap();
    const result = await resumeWait(registry, resumed, { now: clock.now, delay: clock.delay });
    expect(result._unsafeUnwrap().status).toBe('succeeded');
    expect(clock.delay.calls[0]).toBe(30 * 60_000);
  });

  it('a handle past its deadline gets one check, and poll_timeout if the job is not done', async () => {
    const clock = createFakeClock(Date.parse('2026-05-20T12:00:00.000Z'));
    const client = scriptedClient([job('running')], { provider: 'revor' });
    const registry = createJobRegistry({
      factories: { revor: () => ok(client) },
      configs: [{ provider: 'revor', apiKey: 'k' }],
    })._unsafeUnwrap();
    const handle = createWaitHandle('revor:job_1', { deadline: Date.parse('2026-05-20T11:00:00.000Z') });
    const result = await resumeWait(registry, handle, { now: clock.now, delay: clock.delay });
    expect(result._unsafeUnwrapErr()).toMatchObject({ kind: 'poll_timeout', lastJob: { status: 'running' } });
    expect(client.calls).toHaveLength(1);
  });
});
