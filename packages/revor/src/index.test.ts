import { type AsyncJob, type DelayReason, waitForJob } from '@asyncjob/core';
import { createFakeClock, loadFixture } from '@asyncjob/core/test';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import * as revorPackage from './index';
import { createRevor, type RevorClient, type RevorResult } from './index';

const ORIGIN = 'https://revor.ai';
const KEY = 'sk-revor-TEST-index-5e6f7a8b';
const JOB_PATH = '/api/v1/outreach/jobs/job_uuid';
const fixture = (name: string) => loadFixture<object>(import.meta.url, `__fixtures__/${name}`);

beforeAll(() => nock.disableNetConnect());
beforeEach(() => {
  vi.stubEnv('REVOR_API_KEY', undefined);
  vi.stubEnv('REVOR_BASE_URL', undefined);
});
afterEach(() => {
  nock.cleanAll();
  vi.unstubAllEnvs();
});
afterAll(() => nock.enableNetConnect());

describe('the package surface', () => {
  it('exports the client and the factory, and nothing else at run time', () => {
    expect(Object.keys(revorPackage).sort()).toEqual(['createRevor', 'revorFactory']);
  });
});

describe('createRevor with bad settings', () => {
  const everyCall = (client: RevorClient) => [
    client.get('job_uuid'),
    client.dispatch({
      channel: 'whatsapp',
      accountId: 'a',
      recipient: { phone: '+1' },
      content: { text: 'hi' },
    }),
    client.likePost({ profileUrl: 'https://linkedin.com/in/x', topic: 't' }),
    client.listAccounts(),
    client.submit('dispatch', {}),
  ];

  it.each([
    ['no key anywhere', {}, 'revor.apiKey'],
    ['a malformed base URL', { apiKey: KEY, baseUrl: 'revor.ai/api/v1' }, 'revor.baseUrl'],
    ['http:// to a remote host', { apiKey: KEY, baseUrl: 'http://revor.ai/api/v1' }, 'revor.baseUrl'],
    ['a setting of the wrong type', { apiKey: KEY, timeoutMs: '30s' }, 'revor.timeoutMs'],
  ])('never throws on %s: every call is a config error naming %s', async (_name, settings, field) => {
    const client = createRevor(settings as never);
    for (const result of await Promise.all(everyCall(client))) {
      expect(result._unsafeUnwrapErr()).toMatchObject({
        kind: 'config',
        provider: 'revor',
        field,
        retryable: false,
      });
    }
  });

  it('names REVOR_BASE_URL when the bad base URL came from the environment', async () => {
    vi.stubEnv('REVOR_BASE_URL', 'http://revor.example.com/api/v1');
    const error = (await createRevor({ apiKey: KEY }).get('job_uuid'))._unsafeUnwrapErr();
    expect(error).toMatchObject({ kind: 'config', field: 'REVOR_BASE_URL' });
  });
});

describe('the environment', () => {
  it('is read on the first request, not when the client is created', async () => {
    const client = createRevor();
    vi.stubEnv('REVOR_API_KEY', KEY);
    vi.stubEnv('REVOR_BASE_URL', 'http://127.0.0.1:4010/api/v1');
    const scope = nock('http://127.0.0.1:4010')
      .get(JOB_PATH)
      .matchHeader('authorization', `Bearer ${KEY}`)
      .reply(200, fixture('revor-jobs-running.json'));
    expect((await client.get('job_uuid'))._unsafeUnwrap().status).toBe('running');
    scope.done();
  });

  it('picks up a key set after a call failed for the lack of one', async () => {
    const client = createRevor();
    expect((await client.get('job_uuid'))._unsafeUnwrapErr().kind).toBe('config');
    vi.stubEnv('REVOR_API_KEY', KEY);
    const scope = nock(ORIGIN).get(JOB_PATH).reply(200, fixture('revor-jobs-running.json'));
    expect((await client.get('job_uuid')).isOk()).toBe(true);
    scope.done();
  });
});

describe('waitForJob against a Revor client', () => {
  it('goes queued → running → succeeded, and does not check a scheduled task early', async () => {
    const clock = createFakeClock(Date.parse('2026-05-20T10:00:00.000Z'));
    const scope = nock(ORIGIN)
      .get(JOB_PATH)
      .reply(200, fixture('revor-jobs-queued.json'))
      .get(JOB_PATH)
      .reply(200, fixture('revor-jobs-running.json'))
      .get(JOB_PATH)
      .reply(200, fixture('revor-jobs-succeeded.json'));
    const statuses: string[] = [];
    const delays: [number, DelayReason][] = [];
    const result = await waitForJob(createRevor({ apiKey: KEY }), 'job_uuid', {
      now: clock.now,
      delay: clock.delay,
      jitter: 'none',
      onStatusChange: (job) => statuses.push(job.status),
      onDelay: (delayMs, reason) => delays.push([delayMs, reason]),
    });
    const job = result._unsafeUnwrap();
    expect(job).toMatchObject({
      ref: 'revor:job_uuid',
      status: 'succeeded',
      result: { resolvedAction: 'message' },
    });
    expect(statuses).toEqual(['queued', 'running', 'succeeded']);
    // The queued task is scheduled for 10:00:30: one check then, not six on a 5 s cadence.
    expect(delays).toEqual([
      [30_000, 'scheduled'],
      [5_000, 'backoff'],
    ]);
    scope.done();
  });

  it('creates then waits, as the README shows', async () => {
    const clock = createFakeClock(Date.parse('2026-05-20T10:00:00.000Z'));
    const scope = nock(ORIGIN)
      .post('/api/v1/outreach/dispatches')
      .reply(202, fixture('revor-dispatches-created-v2.json'))
      .get(JOB_PATH)
      .reply(200, fixture('revor-jobs-failed.json'));
    const revor = createRevor({ apiKey: KEY });
    const outcome = await revor
      .dispatch({
        channel: 'linkedin',
        accountId: 'connect_account_xxx',
        recipient: { profileUrl: 'https://www.linkedin.com/in/grace-hopper' },
        content: { text: 'Hello Grace' },
      })
      .andThen((job) => waitForJob(revor, job.id, { initialJob: job, now: clock.now, delay: clock.delay }))
      .match(
        (job: AsyncJob<RevorResult>) =>
          job.status === 'failed' ? `failed: ${job.failure.code}` : job.status,
        (error) => `error: ${error.kind}`,
      );
    expect(outcome).toBe('failed: connect_account_reconnect_required');
    scope.done();
  });
});
