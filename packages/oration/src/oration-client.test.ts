import { type AsyncJob, waitForJob } from '@asyncjob/core';
import { createFakeClock, loadFixture } from '@asyncjob/core/test';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { OrationResult } from './convert-oration-job';
import { createOration } from './oration-client';
import type { OrationSettings } from './oration-settings';

const ORIGIN = 'https://www.oration.ai';
const KEY = 'orn_live_FAKEKEY_must_never_leak_4242';
const TOKEN = 'orn_token_FAKETOKEN_9090';
const JOB_ID = '5135bfe3-b2c7-41f3-a44f-f4b58e7384df';
const succeeded = loadFixture<Record<string, unknown>>(
  import.meta.url,
  '__fixtures__/oration-jobs-get-success.json',
);
const created = loadFixture<Record<string, unknown>>(
  import.meta.url,
  '__fixtures__/oration-customers-batch-created.json',
);

function oration(settings: OrationSettings = {}) {
  return createOration({ apiKey: KEY, workspaceSlug: 'acme', createRetry: { limit: 0 }, ...settings });
}

interface SeenRequest {
  readonly method: string;
  readonly path: string;
  readonly keySent: boolean;
  readonly headers: Record<string, string | string[]>;
  readonly body: unknown;
}

/** Answers one request and records what was sent, without the key (only whether it was the right one). */
function recordRequest(interceptor: nock.Interceptor, status: number, body: nock.Body) {
  const seen: SeenRequest[] = [];
  const scope = interceptor.reply(function (path, requestBody) {
    const { 'x-api-key': key, ...headers } = this.req.headers;
    seen.push({
      method: this.req.method,
      path,
      keySent: key === KEY,
      headers,
      body: requestBody || undefined,
    });
    return [status, body];
  });
  return { scope, seen };
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
  vi.unstubAllEnvs();
});
afterAll(() => nock.enableNetConnect());

describe('get', () => {
  it('returns the documented succeeded job', async () => {
    const scope = nock(ORIGIN).get(`/api/v2/jobs/${JOB_ID}`).reply(200, succeeded);
    const expected: AsyncJob<OrationResult> = {
      ref: `oration:${JOB_ID}`,
      provider: 'oration',
      id: JOB_ID,
      status: 'succeeded',
      rawStatus: 'success',
      terminal: true,
      result: null,
      failure: null,
      createdAt: new Date('2026-04-01T10:16:00.000Z'),
      updatedAt: new Date('2026-04-01T10:18:42.000Z'),
      scheduledAt: null,
      startedAt: null,
      finishedAt: new Date('2026-04-01T10:18:42.000Z'),
      nextAttemptAt: null,
      attempts: null,
      raw: succeeded,
    };
    expect((await oration().get(JOB_ID))._unsafeUnwrap()).toEqual(expected);
    scope.done();
  });

  it('returns a failed job as Ok with its failure', async () => {
    const scope = nock(ORIGIN)
      .get(`/api/v2/jobs/${JOB_ID}`)
      .reply(200, { ...succeeded, status: 'failed', error: 'Invalid CSV row 4' });
    const job = (await oration().get(JOB_ID))._unsafeUnwrap();
    expect(job).toMatchObject({ status: 'failed', terminal: true, rawStatus: 'failed', result: null });
    expect(job.failure).toEqual({ code: 'job_failed', message: 'Invalid CSV row 4', retryable: false });
    scope.done();
  });

  it('sends the key, the workspace headers and the Bearer token when one is set', async () => {
    const { scope, seen } = recordRequest(nock(ORIGIN).get(`/api/v2/jobs/${JOB_ID}`), 200, succeeded);
    const client = oration({
      token: TOKEN,
      workspaceId: 'ws-1',
      headers: { 'X-Api-Key': 'other', 'x-trace': 't1' },
    });
    await client.get(JOB_ID);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ keySent: true });
    expect(seen[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect({ ...seen[0]?.headers, authorization: '[token]' }).toMatchInlineSnapshot(`
      {
        "accept": "application/json",
        "authorization": "[token]",
        "host": "www.oration.ai",
        "user-agent": "asyncjob/0.1 (+https://www.npmjs.com/package/@asyncjob/core)",
        "x-trace": "t1",
        "x-workspace-id": "ws-1",
        "x-workspace-slug": "acme",
      }
    `);
    scope.done();
  });

  it.each([
    ['extra fields', { ...succeeded, progress: 0.5, stats: { rows: 10 } }, { status: 'succeeded' }],
    ['missing optional fields', { id: JOB_ID, status: 'active' }, { status: 'running', createdAt: null }],
    ['an unknown status', { ...succeeded, status: 'paused' }, { status: 'unknown', rawStatus: 'paused' }],
  ])('tolerates %s', async (_name, body, expected) => {
    const scope = nock(ORIGIN).get(`/api/v2/jobs/${JOB_ID}`).reply(200, body);
    expect((await oration().get(JOB_ID))._unsafeUnwrap()).toMatchObject({ ...expected, raw: body });
    scope.done();
  });

  it.each([
    [
      'a missing required field',
      200,
      JSON.stringify({ ...succeeded, id: undefined }),
      { kind: 'invalid_response', retryable: false },
    ],
    ['a body that is not JSON', 200, 'OK', { kind: 'invalid_response', retryable: true }],
    ['an empty body', 200, '', { kind: 'invalid_response', retryable: true }],
    [
      'an HTML 502 from a proxy',
      502,
      '<html><body>Bad Gateway</body></html>',
      { kind: 'server_error', retryable: true },
    ],
  ])('reports %s', async (_name, status, body, expected) => {
    const scope = nock(ORIGIN).get(`/api/v2/jobs/${JOB_ID}`).reply(status, body);
    expect((await oration().get(JOB_ID))._unsafeUnwrapErr()).toMatchObject({
      ...expected,
      provider: 'oration',
      httpStatus: status,
    });
    scope.done();
  });

  it('names the missing field of a drifted job', async () => {
    const scope = nock(ORIGIN)
      .get(`/api/v2/jobs/${JOB_ID}`)
      .reply(200, { ...succeeded, status: undefined });
    const error = (await oration().get(JOB_ID))._unsafeUnwrapErr();
    expect(error.issues).toEqual([{ path: 'status', message: expect.any(String) }]);
    scope.done();
  });

  it.each([
    ['a/b', 'a%2Fb'],
    ['job?x=1', 'job%3Fx%3D1'],
    ['job#frag', 'job%23frag'],
    ['../admin', '..%2Fadmin'],
    ['%2E%2E', '%252E%252E'],
  ])('keeps the id %j inside one path segment', async (id, encoded) => {
    const scope = nock(ORIGIN).get(`/api/v2/jobs/${encoded}`).reply(200, { id, status: 'queued' });
    expect((await oration().get(id))._unsafeUnwrap()).toMatchObject({ id, ref: `oration:${id}` });
    scope.done();
  });

  it.each(['..', '.', ''])('refuses the id %j before any request', async (id) => {
    expect((await oration().get(id))._unsafeUnwrapErr()).toMatchObject({ kind: 'invalid_request' });
  });

  it('reports the response hints and honours an aborted signal', async () => {
    const scope = nock(ORIGIN)
      .get(`/api/v2/jobs/${JOB_ID}`)
      .reply(200, succeeded, { 'x-request-id': 'req_7' });
    const onResponse = vi.fn();
    await oration().get(JOB_ID, { onResponse });
    expect(onResponse).toHaveBeenCalledWith(expect.objectContaining({ httpStatus: 200, requestId: 'req_7' }));
    scope.done();
    const aborted = await oration().get(JOB_ID, { signal: AbortSignal.abort() });
    expect(aborted._unsafeUnwrapErr()).toMatchObject({ kind: 'aborted' });
  });
});

describe('createCustomerBatch', () => {
  it('sends the exact documented request and returns a queued job', async () => {
    const { scope, seen } = recordRequest(nock(ORIGIN).post('/api/v2/customers/batch'), 200, created);
    const job = await oration().createCustomerBatch({
      customers: [
        {
          identifier: 'crm-1001',
          name: 'Ava Johnson',
          phoneNumber: '+14155550100',
          metadata: { segment: 'vip' },
        },
        { identifier: 'crm-1002', source: { method: 'api' }, isDoNotDisturbEnabled: true, priority: 0 },
      ],
      strategy: 'upsert',
    });
    expect(seen[0]).toMatchInlineSnapshot(`
      {
        "body": {
          "customers": [
            {
              "identifier": "crm-1001",
              "metadata": {
                "segment": "vip",
              },
              "name": "Ava Johnson",
              "phoneNumber": "+14155550100",
            },
            {
              "identifier": "crm-1002",
              "isDoNotDisturbEnabled": true,
              "priority": 0,
              "source": {
                "method": "api",
              },
            },
          ],
          "strategy": "upsert",
        },
        "headers": {
          "accept": "application/json",
          "content-type": "application/json",
          "host": "www.oration.ai",
          "user-agent": "asyncjob/0.1 (+https://www.npmjs.com/package/@asyncjob/core)",
          "x-workspace-slug": "acme",
        },
        "keySent": true,
        "method": "POST",
        "path": "/api/v2/customers/batch",
      }
    `);
    expect(job._unsafeUnwrap()).toEqual({
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
      raw: created,
    });
    scope.done();
  });

  it('is never retried automatically, even on a 503', async () => {
    const scope = nock(ORIGIN).post('/api/v2/customers/batch').once().reply(503, { message: 'busy' });
    const client = createOration({
      apiKey: KEY,
      workspaceSlug: 'acme',
      createRetry: { limit: 3, delayMs: 1 },
    });
    const error = (await client.createCustomerBatch({ customers: [{ identifier: 'a' }] }))._unsafeUnwrapErr();
    expect(error).toMatchObject({
      kind: 'server_error',
      httpStatus: 503,
      message: expect.stringContaining('busy'),
    });
    scope.done();
  });

  it('refuses bad input before any request', async () => {
    const input = { customers: [{ identifier: 'a', phoneNumber: '555-0100' }] };
    const error = (await oration().createCustomerBatch(input))._unsafeUnwrapErr();
    expect(error).toMatchObject({ kind: 'invalid_request', field: 'customers.0.phoneNumber' });
  });

  it('reports an answer without a job id as invalid_response', async () => {
    const scope = nock(ORIGIN).post('/api/v2/customers/batch').reply(202, { id: JOB_ID });
    const error = (
      await oration().createCustomerBatch({ customers: [{ identifier: 'a' }] })
    )._unsafeUnwrapErr();
    expect(error).toMatchObject({ kind: 'invalid_response', retryable: false, httpStatus: 202 });
    scope.done();
  });
});

describe('submit', () => {
  it('lists its operations and dispatches customers-batch, ignoring an idempotency key', async () => {
    const { scope, seen } = recordRequest(nock(ORIGIN).post('/api/v2/customers/batch'), 202, created);
    const client = oration();
    expect(client.operations).toEqual(['customers-batch']);
    const job = await client.submit(
      'customers-batch',
      { customers: [{ identifier: 'a' }] },
      { idempotencyKey: 'k1' },
    );
    expect(job._unsafeUnwrap()).toMatchObject({ id: JOB_ID, status: 'queued', rawStatus: 'created' });
    expect(seen[0]?.headers).not.toHaveProperty('idempotency-key');
    scope.done();
  });

  it.each([
    ['an unknown operation', 'conversations', {}, 'operation'],
    ['an inherited property name', 'toString', {}, 'operation'],
    ['input that is not an object', 'customers-batch', 'customers.csv', 'input'],
    [
      'a customer without an identifier',
      'customers-batch',
      { customers: [{ name: 'Ava' }] },
      'customers.0.identifier',
    ],
  ])('refuses %s with an invalid_request naming the field', async (_name, operation, input, field) => {
    expect((await oration().submit(operation, input))._unsafeUnwrapErr()).toMatchObject({
      kind: 'invalid_request',
      provider: 'oration',
      field,
    });
  });
});

describe('waitForJob against the client', () => {
  it('follows a job from queued through running to succeeded', async () => {
    const path = `/api/v2/jobs/${JOB_ID}`;
    const scope = nock(ORIGIN)
      .get(path)
      .reply(200, { ...succeeded, status: 'queued', updatedAt: '2026-04-01T10:16:00.000Z' })
      .get(path)
      .reply(200, { ...succeeded, status: 'active', updatedAt: '2026-04-01T10:17:00.000Z' })
      .get(path)
      .reply(200, succeeded);
    const clock = createFakeClock();
    const statuses: string[] = [];
    const result = await waitForJob(oration(), JOB_ID, {
      now: clock.now,
      delay: clock.delay,
      jitter: 'none',
      timeoutMs: 60_000,
      onStatusChange: (job) => statuses.push(`${job.status}/${job.rawStatus}`),
    });
    expect(result._unsafeUnwrap()).toMatchObject({ status: 'succeeded', terminal: true, result: null });
    expect(statuses).toEqual(['queued/queued', 'running/active', 'succeeded/success']);
    expect(clock.delay.calls).toEqual([2000, 2000]);
    scope.done();
  });
});
