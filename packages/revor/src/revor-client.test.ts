import type { ResponseHints } from '@asyncjob/core';
import { loadFixture } from '@asyncjob/core/test';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRevor, parseRevorId } from './revor-client';
import type { RevorSettings } from './revor-settings';

const ORIGIN = 'https://revor.ai';
const KEY = 'sk-revor-TEST-client-1a2b3c4d';
const fixture = (name: string) =>
  loadFixture<Record<string, unknown>>(import.meta.url, `__fixtures__/${name}`);
const revor = (settings: RevorSettings = {}) =>
  createRevor({ apiKey: KEY, createRetry: { limit: 0 }, ...settings });

interface Seen {
  method: string;
  path: string;
  headers: Record<string, unknown>;
  body: unknown;
}

/** Answers with `reply` and records the request, without its auth header. */
function recordInto(seen: Seen[], reply: [number, unknown, Record<string, string>?]) {
  return function (
    this: { req: { method: string; headers: Record<string, unknown> } },
    uri: string,
    body: unknown,
  ) {
    const { authorization: _authorization, ...headers } = this.req.headers;
    seen.push({ method: this.req.method, path: uri, headers, body });
    return reply;
  };
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('get', () => {
  it('looks a job up with a Bearer key and reports the response hints', async () => {
    const body = fixture('revor-jobs-succeeded.json');
    const scope = nock(ORIGIN)
      .get('/api/v1/outreach/jobs/job_uuid')
      .matchHeader('authorization', `Bearer ${KEY}`)
      .matchHeader('accept', 'application/json')
      .reply(200, body, {
        'X-RateLimit-Limit': '60',
        'X-RateLimit-Remaining': '59',
        'X-RateLimit-Window-Ms': '60000',
      });
    const hints: ResponseHints[] = [];
    const result = await revor().get('job_uuid', { onResponse: (received) => hints.push(received) });
    expect(result._unsafeUnwrap()).toMatchObject({ ref: 'revor:job_uuid', status: 'succeeded', attempts: 1 });
    expect(hints).toEqual([
      {
        httpStatus: 200,
        receivedAt: expect.any(Number),
        requestId: 'req_xxx',
        rateLimit: { limit: 60, remaining: 59, windowMs: 60000 },
      },
    ]);
    scope.done();
  });

  it('returns a failed job as Ok data', async () => {
    const scope = nock(ORIGIN)
      .get('/api/v1/outreach/jobs/job_uuid')
      .reply(200, fixture('revor-jobs-failed.json'));
    const job = (await revor().get('job_uuid'))._unsafeUnwrap();
    expect(job).toMatchObject({
      status: 'failed',
      terminal: true,
      failure: { code: 'connect_account_reconnect_required', retryable: false },
    });
    scope.done();
  });

  it('uses the v2 path table and the x-api-key header on request', async () => {
    const scope = nock(ORIGIN)
      .get('/api/v2/jobs/job_uuid')
      .matchHeader('x-api-key', KEY)
      .matchHeader('authorization', (value) => value === undefined)
      .reply(200, fixture('revor-jobs-settling-v2.json'));
    const job = (await revor({ apiVersion: 'v2', authScheme: 'x-api-key' }).get('job_uuid'))._unsafeUnwrap();
    expect(job).toMatchObject({ status: 'running', rawStatus: 'settling' });
    scope.done();
  });

  it.each([
    ['a/b', '/api/v1/outreach/jobs/a%2Fb'],
    ['x?y=1', '/api/v1/outreach/jobs/x%3Fy%3D1'],
    ['frag#ment', '/api/v1/outreach/jobs/frag%23ment'],
    ['../../connect/accounts', '/api/v1/outreach/jobs/..%2F..%2Fconnect%2Faccounts'],
    ['%2e%2e', '/api/v1/outreach/jobs/%252e%252e'],
  ])('percent-encodes the id %j', async (id, path) => {
    const scope = nock(ORIGIN)
      .get(path)
      .reply(200, { ok: true, item: { id, status: 'queued' } });
    expect((await revor().get(id))._unsafeUnwrap().id).toBe(id);
    scope.done();
  });

  it.each(['..', '.', ''])('refuses the id %j before any request', async (id) => {
    // No interceptor: a request would fail as `network` under disableNetConnect.
    expect((await revor().get(id))._unsafeUnwrapErr()).toMatchObject({
      kind: 'invalid_request',
      provider: 'revor',
    });
  });
});

describe('creates', () => {
  const emailInput = {
    channel: 'email',
    accountId: 'connect_account_xxx',
    recipient: { address: 'grace@example.com', name: 'Grace Hopper' },
    content: {
      subject: 'Compilers',
      text: 'Hello Grace',
      attachments: [{ filename: 'a.txt', contentBase64: 'aGk=' }],
    },
    metadata: { campaign_id: 'spring' },
    minChannelTaskIntervalSeconds: 240,
  } as const;

  it('dispatch sends this exact request and returns the first snapshot', async () => {
    const seen: Seen[] = [];
    const created = fixture('revor-dispatches-created-v2.json');
    const scope = nock(ORIGIN)
      .post('/api/v1/outreach/dispatches')
      .reply(recordInto(seen, [202, created]));
    const result = await revor().dispatch(emailInput, { idempotencyKey: 'dispatch-0001' });
    expect(seen).toMatchInlineSnapshot(`
      [
        {
          "body": {
            "account_id": "connect_account_xxx",
            "action": "outreach",
            "channel": "email",
            "content": {
              "attachments": [
                {
                  "contentBase64": "aGk=",
                  "filename": "a.txt",
                },
              ],
              "subject": "Compilers",
              "text": "Hello Grace",
            },
            "metadata": {
              "campaign_id": "spring",
            },
            "min_channel_task_interval_seconds": 240,
            "recipient": {
              "address": "grace@example.com",
              "name": "Grace Hopper",
            },
          },
          "headers": {
            "accept": "application/json",
            "content-type": "application/json",
            "host": "revor.ai",
            "idempotency-key": "dispatch-0001",
            "user-agent": "asyncjob/0.1 (+https://www.npmjs.com/package/@asyncjob/core)",
          },
          "method": "POST",
          "path": "/api/v1/outreach/dispatches",
        },
      ]
    `);
    expect(result._unsafeUnwrap()).toEqual({
      ref: 'revor:job_uuid',
      provider: 'revor',
      id: 'job_uuid',
      status: 'queued',
      rawStatus: 'queued',
      terminal: false,
      result: null,
      failure: null,
      createdAt: null,
      updatedAt: null,
      scheduledAt: new Date('2026-05-20T10:00:00.000Z'),
      startedAt: null,
      finishedAt: null,
      nextAttemptAt: null,
      attempts: null,
      raw: (created as { item: unknown }).item,
    });
    scope.done();
  });

  it('likePost sends this exact request; an id-only answer gives a queued snapshot', async () => {
    const seen: Seen[] = [];
    const scope = nock(ORIGIN)
      .post('/api/v1/outreach/linkedin/post-likes')
      .reply(recordInto(seen, [202, fixture('revor-dispatches-created-id-only.json')]));
    const result = await revor().likePost(
      {
        profileUrl: 'https://www.linkedin.com/in/grace-hopper',
        topic: 'compilers',
        postLimit: 10,
        locale: 'en',
      },
      { idempotencyKey: 'like-0001' },
    );
    expect(seen).toMatchInlineSnapshot(`
      [
        {
          "body": {
            "locale": "en",
            "post_limit": 10,
            "profile_url": "https://www.linkedin.com/in/grace-hopper",
            "topic": "compilers",
          },
          "headers": {
            "accept": "application/json",
            "content-type": "application/json",
            "host": "revor.ai",
            "idempotency-key": "like-0001",
            "user-agent": "asyncjob/0.1 (+https://www.npmjs.com/package/@asyncjob/core)",
          },
          "method": "POST",
          "path": "/api/v1/outreach/linkedin/post-likes",
        },
      ]
    `);
    expect(result._unsafeUnwrap()).toMatchObject({ id: 'job_uuid', status: 'queued', rawStatus: 'queued' });
    scope.done();
  });

  it('returns a task that is already finished as such', async () => {
    const scope = nock(ORIGIN)
      .post('/api/v1/outreach/linkedin/post-likes')
      .reply(202, { ok: true, item: { id: 'job_1', status: 'succeeded', result: { status: 'skipped' } } });
    const job = (
      await revor().likePost({ profileUrl: 'https://linkedin.com/in/x', intent: 'hello' })
    )._unsafeUnwrap();
    expect(job).toMatchObject({ status: 'succeeded', terminal: true, result: { status: 'skipped' } });
    scope.done();
  });

  it('generates an Idempotency-Key when the caller gives none', async () => {
    const seen: Seen[] = [];
    const scope = nock(ORIGIN)
      .post('/api/v1/outreach/dispatches')
      .reply(recordInto(seen, [202, fixture('revor-dispatches-created-id-only.json')]));
    await revor().dispatch(emailInput);
    expect(seen[0]?.headers['idempotency-key']).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    scope.done();
  });

  it.each([
    [
      'a 503 task_unavailable',
      (scope: nock.Interceptor) => scope.reply(503, { ok: false, error: { code: 'task_unavailable' } }),
    ],
    [
      'a dropped connection',
      (scope: nock.Interceptor) => scope.replyWithError({ code: 'ECONNRESET', message: 'socket hang up' }),
    ],
  ])('retries after %s with the same key: one logical create', async (_name, fail) => {
    const keys: unknown[] = [];
    const created = fixture('revor-dispatches-created-v2.json');
    const scope = fail(
      nock(ORIGIN)
        .post('/api/v1/outreach/dispatches')
        .matchHeader('idempotency-key', (key) => keys.push(key) > 0),
    );
    scope.post('/api/v1/outreach/dispatches').reply(function () {
      keys.push(this.req.headers['idempotency-key']);
      return [202, created];
    });
    const result = await revor({ createRetry: { limit: 2, delayMs: 1 } }).dispatch(emailInput);
    expect(result._unsafeUnwrap()).toMatchObject({ id: 'job_uuid', status: 'queued' });
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    scope.done();
  });

  it('maps 409 idempotency_conflict to a conflict that is not retryable', async () => {
    const scope = nock(ORIGIN)
      .post('/api/v1/outreach/dispatches')
      .reply(409, {
        ok: false,
        error: { code: 'idempotency_conflict', message: 'idempotency_conflict', request_id: 'r9' },
      });
    expect(
      (await revor({ createRetry: { limit: 2, delayMs: 1 } }).dispatch(emailInput))._unsafeUnwrapErr(),
    ).toMatchObject({
      kind: 'conflict',
      code: 'idempotency_conflict',
      requestId: 'r9',
      httpStatus: 409,
      retryable: false,
    });
    scope.done();
  });

  it('maps a 429 with Retry-After: 3 to rate_limited with retryAfterMs 3000 and reports the headers', async () => {
    const scope = nock(ORIGIN)
      .post('/api/v1/outreach/dispatches')
      .reply(
        429,
        { ok: false, error: { code: 'api_rate_limit_exceeded', request_id: 'r429' } },
        {
          'Retry-After': '3',
          'X-RateLimit-Limit': '10',
          'X-RateLimit-Remaining': '0',
          'X-RateLimit-Window-Ms': '60000',
          'X-User-RateLimit-Limit': '100',
          'X-User-RateLimit-Remaining': '40',
        },
      );
    const hints: ResponseHints[] = [];
    const result = await revor().dispatch(emailInput, { onResponse: (received) => hints.push(received) });
    expect(result._unsafeUnwrapErr()).toMatchObject({
      kind: 'rate_limited',
      code: 'api_rate_limit_exceeded',
      retryAfterMs: 3000,
      retryable: true,
    });
    expect(hints[0]).toMatchObject({
      httpStatus: 429,
      requestId: 'r429',
      retryAfterMs: 3000,
      rateLimit: { limit: 10, remaining: 0, windowMs: 60000, userLimit: 100, userRemaining: 40 },
    });
    scope.done();
  });
});

describe('request limits', () => {
  it('reports a lookup slower than timeoutMs as a retryable request_timeout', async () => {
    const scope = nock(ORIGIN)
      .get('/api/v1/outreach/jobs/job_uuid')
      .delay(500)
      .reply(200, fixture('revor-jobs-running.json'));
    expect((await revor({ timeoutMs: 50 }).get('job_uuid'))._unsafeUnwrapErr()).toMatchObject({
      kind: 'request_timeout',
      retryable: true,
    });
    scope.done();
  });

  it('reports an aborted lookup as aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    expect((await revor().get('job_uuid', { signal: controller.signal }))._unsafeUnwrapErr()).toMatchObject({
      kind: 'aborted',
      retryable: false,
    });
  });
});

describe('listAccounts', () => {
  it('sends the filter as Revor query parameters and returns camelCase accounts', async () => {
    const scope = nock(ORIGIN)
      .get('/api/v1/connect/accounts')
      .query({ channel: 'linkedin', can_send: 'true' })
      .reply(200, fixture('revor-accounts-list.json'));
    const accounts = (await revor().listAccounts({ channel: 'linkedin', canSend: true }))._unsafeUnwrap();
    expect(accounts.map((account) => [account.accountId, account.canSend])).toEqual([
      ['connect_account_email', true],
      ['connect_account_linkedin', false],
    ]);
    scope.done();
  });

  it('maps a 400 invalid_channel to invalid_request', async () => {
    const scope = nock(ORIGIN)
      .get('/api/v1/connect/accounts')
      .query({ channel: 'fax' })
      .reply(400, {
        ok: false,
        error: { code: 'invalid_channel', message: 'invalid_channel', request_id: 'r1' },
      });
    expect((await revor().listAccounts({ channel: 'fax' }))._unsafeUnwrapErr()).toMatchObject({
      kind: 'invalid_request',
      code: 'invalid_channel',
      requestId: 'r1',
    });
    scope.done();
  });
});

describe('submit and parseId', () => {
  it('lists its operations and refuses an unknown one without a request', async () => {
    const client = revor();
    expect(client.operations).toEqual(['dispatch', 'post-like']);
    expect((await client.submit('send-fax', {}))._unsafeUnwrapErr()).toMatchObject({
      kind: 'invalid_request',
      field: 'operation',
    });
  });

  it('validates untyped input before any request, naming the field', async () => {
    const error = (
      await revor().submit('post-like', { profileUrl: 'https://linkedin.com/in/x', postLimit: 80 })
    )._unsafeUnwrapErr();
    expect(error).toMatchObject({ kind: 'invalid_request', field: 'postLimit', retryable: false });
  });

  it('dispatches valid input to the typed create', async () => {
    const seen: Seen[] = [];
    const scope = nock(ORIGIN)
      .post('/api/v1/outreach/linkedin/post-likes')
      .reply(recordInto(seen, [202, fixture('revor-post-likes-created.json')]));
    const result = await revor().submit(
      'post-like',
      { profileUrl: 'https://www.linkedin.com/in/grace-hopper', content: 'compilers' },
      { idempotencyKey: 'like-1' },
    );
    expect(result._unsafeUnwrap()).toMatchObject({ ref: 'revor:job_post_like', status: 'queued' });
    expect(seen[0]?.headers['idempotency-key']).toBe('like-1');
    scope.done();
  });

  it('checks the id of a ref', () => {
    expect(parseRevorId('job_uuid')._unsafeUnwrap()).toBe('job_uuid');
    expect(revor().parseId('..')._unsafeUnwrapErr()).toMatchObject({ kind: 'config', field: 'ref' });
    expect(revor().parseId(' ')._unsafeUnwrapErr()).toMatchObject({ kind: 'config' });
  });
});
