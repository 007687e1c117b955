import { type AsyncJob, waitForJob } from '@asyncjob/core';
import { createFakeClock, loadFixture } from '@asyncjob/core/test';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RevkeenResult } from './convert-revkeen-job';
import { createRevkeen } from './revkeen-client';
import type { RevkeenSettings } from './revkeen-settings';

const BASE = 'https://api.revkeen.com/v2';
const KEY = 'rk_sandbox_FAKE-KEY-7f3a9c2e5b';
const AUTOMATION = '64fb5f73-6415-4f56-8e9e-ca06539f09ac';
const RUN = '497f6eca-6276-4993-bfeb-53cbbbba6f08';
const ID = `${AUTOMATION}/${RUN}`;
const RUN_PATH = `/automations/${AUTOMATION}/runs/${RUN}`;

const fixture = (name: string) =>
  loadFixture<{ data: Record<string, unknown> }>(import.meta.url, `__fixtures__/${name}.json`);
const client = (settings: RevkeenSettings = {}) =>
  createRevkeen({ apiKey: KEY, createRetry: { limit: 0 }, ...settings });
const api = () => nock(BASE, { reqheaders: { 'x-api-key': KEY }, badheaders: ['authorization'] });

interface SeenRequest {
  method: string;
  path: string;
  headers: Record<string, unknown>;
  body: unknown;
}

/** A nock reply that records the request (minus the key, checked separately) and answers with `body`. */
function recordInto(seen: SeenRequest[], status: number, body: unknown) {
  return function (
    this: { req: { method: string; headers: Record<string, unknown> } },
    uri: string,
    requestBody: unknown,
  ) {
    const { 'x-api-key': key, ...headers } = this.req.headers;
    expect(key).toBe(KEY);
    seen.push({ method: this.req.method, path: uri, headers, body: requestBody });
    return [status, body] as [number, unknown];
  };
}

beforeAll(() => {
  nock.disableNetConnect();
});
afterEach(() => {
  nock.cleanAll();
  vi.unstubAllEnvs();
});

describe('get', () => {
  it('looks a run up with x-api-key and returns the converted job', async () => {
    const body = fixture('revkeen-run-get-succeeded');
    const scope = api().get(`/automations/${AUTOMATION}/runs/${RUN}`).reply(200, body);
    const job = (await client().get(ID))._unsafeUnwrap();
    expect(job).toMatchObject({ ref: `revkeen:${ID}`, id: ID, status: 'succeeded', rawStatus: 'completed' });
    expect(job.raw).toEqual(body.data);
    scope.done();
  });

  it('returns a failed run as Ok, with its failure', async () => {
    const scope = api().get(RUN_PATH).reply(200, fixture('revkeen-run-get-failed'));
    const job = (await client().get(ID))._unsafeUnwrap();
    expect(job.status).toBe('failed');
    expect(job.failure).toEqual({
      code: 'run_failed',
      message: 'Step 2 failed: mailbox quota exceeded',
      retryable: false,
    });
    scope.done();
  });

  it('percent-encodes ids holding ? and # (and an escaped /) so they stay one segment each', async () => {
    const scope = api()
      .get('/automations/a%3Fx%3D1%2Fb/runs/r%231')
      .reply(200, { data: { id: 'r#1', status: 'running' } });
    const job = (await client().get('a?x=1%2Fb/r#1'))._unsafeUnwrap();
    expect(job).toMatchObject({ id: 'a?x=1%2Fb/r#1', ref: 'revkeen:a?x=1%2Fb/r#1', status: 'running' });
    scope.done();
  });

  it.each(['../r1', 'a1/..', './r1'])('refuses %s before any request', async (id) => {
    expect((await client().get(id))._unsafeUnwrapErr()).toMatchObject({
      kind: 'invalid_request',
      provider: 'revkeen',
    });
  });

  it.each(['r1', 'a/b/c', '/r1', 'a1/'])('refuses the id %s with a config error naming ref', async (id) => {
    expect((await client().get(id))._unsafeUnwrapErr()).toMatchObject({ kind: 'config', field: 'ref' });
    expect(client().parseId(id)._unsafeUnwrapErr()).toMatchObject({ kind: 'config', field: 'ref' });
  });

  it('passes the caller signal and reports the response hints', async () => {
    const scope = api()
      .get(RUN_PATH)
      .reply(200, fixture('revkeen-run-get-running'), { 'x-request-id': 'req_9' });
    const hints: unknown[] = [];
    const controller = new AbortController();
    const result = await client().get(ID, {
      signal: controller.signal,
      onResponse: (seen) => hints.push(seen),
    });
    expect(result.isOk()).toBe(true);
    expect(hints).toEqual([expect.objectContaining({ httpStatus: 200, requestId: 'req_9' })]);
    scope.done();
  });

  it('stops with aborted when the caller aborts the request in flight', async () => {
    const scope = api().get(RUN_PATH).delay(500).reply(200, fixture('revkeen-run-get-running'));
    const controller = new AbortController();
    const pending = client().get(ID, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    expect((await pending)._unsafeUnwrapErr()).toMatchObject({ kind: 'aborted', retryable: false });
    scope.done();
  });

  it('reports 429 as rate_limited with the Retry-After wait', async () => {
    const scope = api()
      .get(RUN_PATH)
      .reply(
        429,
        { error: { type: 'rate_limit_error', code: 'rate_limited', message: 'Slow down' } },
        { 'retry-after': '7' },
      );
    expect((await client().get(ID))._unsafeUnwrapErr()).toMatchObject({
      kind: 'rate_limited',
      retryable: true,
      retryAfterMs: 7000,
      httpStatus: 429,
      code: 'rate_limited',
    });
    scope.done();
  });
});

describe('runAutomation', () => {
  it('sends the documented request and returns the first snapshot', async () => {
    const seen: SeenRequest[] = [];
    const scope = api()
      .post(`/automations/${AUTOMATION}/runs`)
      .reply(recordInto(seen, 201, fixture('revkeen-run-create-queued')));
    const result = await client().runAutomation(
      AUTOMATION,
      { triggerPayload: { invoice_id: 'inv_123' } },
      { idempotencyKey: 'b8f1c2d3-4e5f-4a6b-8c7d-9e0f1a2b3c4d' },
    );
    expect(seen).toMatchInlineSnapshot(`
      [
        {
          "body": {
            "trigger_payload": {
              "invoice_id": "inv_123",
            },
          },
          "headers": {
            "accept": "application/json",
            "content-type": "application/json",
            "host": "api.revkeen.com",
            "idempotency-key": "b8f1c2d3-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
            "user-agent": "asyncjob/0.1 (+https://www.npmjs.com/package/@asyncjob/core)",
          },
          "method": "POST",
          "path": "/v2/automations/64fb5f73-6415-4f56-8e9e-ca06539f09ac/runs",
        },
      ]
    `);
    expect(result._unsafeUnwrap()).toMatchObject({
      ref: `revkeen:${ID}`,
      status: 'queued',
      rawStatus: 'queued',
    });
    scope.done();
  });

  it('sends trigger_payload null and a generated UUID key by default', async () => {
    const seen: SeenRequest[] = [];
    const scope = api()
      .post('/automations/a1/runs')
      .reply(recordInto(seen, 202, { data: { id: 'r1', status: 'pending' } }));
    const job = (await client().runAutomation('a1'))._unsafeUnwrap();
    expect(job).toMatchObject({ ref: 'revkeen:a1/r1', status: 'queued', rawStatus: 'pending' });
    expect(seen[0]?.body).toEqual({ trigger_payload: null });
    expect(seen[0]?.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    scope.done();
  });

  it('percent-encodes an automation id holding / ? #', async () => {
    const scope = api()
      .post('/automations/a%2Fb%3Fc%23d/runs')
      .reply(201, { data: { id: 'r1', status: 'queued' } });
    const job = (await client().runAutomation('a/b?c#d'))._unsafeUnwrap();
    expect(job.id).toBe('a%2Fb?c#d/r1');
    expect(client().parseId(job.id)._unsafeUnwrap()).toBe(job.id);
    scope.done();
  });

  it('retries a 500 with the same Idempotency-Key', async () => {
    const keys: unknown[] = [];
    const scope = api()
      .post('/automations/a1/runs')
      .times(2)
      .reply(function (this: { req: { headers: Record<string, unknown> } }) {
        keys.push(this.req.headers['idempotency-key']);
        return keys.length === 1
          ? [500, { error: { code: 'internal_error', message: 'Oops' } }]
          : [201, { data: { id: 'r1', status: 'queued' } }];
      });
    const result = await client({ createRetry: { limit: 2, delayMs: 1 } }).runAutomation('a1');
    expect(result._unsafeUnwrap().id).toBe('a1/r1');
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBe(keys[1]);
    scope.done();
  });

  it('returns the same run when the vendor replays a create (Idempotency-Replayed)', async () => {
    const body = fixture('revkeen-run-create-queued');
    const scope = api()
      .post(`/automations/${AUTOMATION}/runs`)
      .matchHeader('idempotency-key', 'key-1')
      .reply(201, body)
      .post(`/automations/${AUTOMATION}/runs`)
      .matchHeader('idempotency-key', 'key-1')
      .reply(201, body, { 'idempotency-replayed': 'true' });
    const revkeen = client();
    const first = await revkeen.runAutomation(AUTOMATION, {}, { idempotencyKey: 'key-1' });
    const second = await revkeen.runAutomation(AUTOMATION, {}, { idempotencyKey: 'key-1' });
    expect(second).toEqual(first);
    scope.done();
  });

  it('validates the input before any request', async () => {
    expect((await client().runAutomation('', {}))._unsafeUnwrapErr()).toMatchObject({
      kind: 'invalid_request',
      field: 'automationId',
    });
    expect((await client().runAutomation('a1', {}, { idempotencyKey: '' }))._unsafeUnwrapErr()).toMatchObject(
      {
        kind: 'invalid_request',
        field: 'idempotencyKey',
      },
    );
  });
});

describe('submit', () => {
  it('lists its operations', () => {
    expect(client().operations).toEqual(['run']);
  });

  it('runs an automation from untyped input', async () => {
    const seen: SeenRequest[] = [];
    const scope = api()
      .post('/automations/a1/runs')
      .reply(recordInto(seen, 201, { data: { id: 'r1', status: 'queued' } }));
    const result = await client().submit(
      'run',
      { automationId: 'a1', triggerPayload: [1] },
      { idempotencyKey: 'k' },
    );
    expect(result._unsafeUnwrap().ref).toBe('revkeen:a1/r1');
    expect(seen[0]).toMatchObject({ body: { trigger_payload: [1] }, headers: { 'idempotency-key': 'k' } });
    scope.done();
  });

  it.each([
    [{ triggerPayload: 1 }, 'automationId'],
    [{ automationId: 'a1', trigger_payload: 1 }, 'trigger_payload'],
    [undefined, 'input'],
  ])('rejects %j naming %s, without a request', async (input, field) => {
    expect((await client().submit('run', input))._unsafeUnwrapErr()).toMatchObject({
      kind: 'invalid_request',
      field,
    });
  });

  it('rejects an unknown operation', async () => {
    expect((await client().submit('dispatch', {}))._unsafeUnwrapErr()).toMatchObject({
      kind: 'invalid_request',
      field: 'operation',
      message: 'revkeen has no operation "dispatch" (known: run).',
    });
  });
});

describe('listRuns', () => {
  it('sends the filters and reads the page', async () => {
    const scope = api()
      .get(`/automations/${AUTOMATION}/runs`)
      .query({ limit: '10', offset: '20', status: 'failed' })
      .reply(200, fixture('revkeen-runs-list-paginated'));
    const page = (
      await client().listRuns(AUTOMATION, { limit: 10, offset: 20, status: 'failed' })
    )._unsafeUnwrap();
    expect(page).toMatchObject({ hasMore: false, total: 1 });
    expect(page.runs.map((run) => run.ref)).toEqual([`revkeen:${ID}`]);
    scope.done();
  });

  it('leaves hasMore and total null when the response has no pagination block', async () => {
    const scope = api()
      .get(`/automations/${AUTOMATION}/runs`)
      .reply(200, fixture('revkeen-runs-list-example'));
    expect((await client().listRuns(AUTOMATION))._unsafeUnwrap()).toMatchObject({
      hasMore: null,
      total: null,
    });
    scope.done();
  });

  it('checks limit before any request', async () => {
    expect((await client().listRuns('a1', { limit: 500 }))._unsafeUnwrapErr()).toMatchObject({
      field: 'limit',
    });
  });
});

describe('approvals', () => {
  it('lists approvals', async () => {
    const scope = api().get('/automations/approvals').reply(200, fixture('revkeen-approvals-list-pending'));
    const approvals = (await client().listApprovals())._unsafeUnwrap();
    expect(approvals).toEqual([
      {
        id: '9b2e4f60-7c1d-4e8a-b3f2-5a6c7d8e9f01',
        status: 'pending',
        runId: RUN,
        automationId: AUTOMATION,
        actionSummary: 'Send 2 reminder emails',
        rejectionReason: null,
        approvedAt: null,
        createdAt: new Date('2026-05-20T10:00:03.000Z'),
      },
    ]);
    scope.done();
  });

  it('approves and rejects with the documented paths', async () => {
    const seen: SeenRequest[] = [];
    const scope = api()
      .post('/automations/approvals/appr_1/approve')
      .reply(recordInto(seen, 200, fixture('revkeen-approvals-approve-approved')))
      .post('/automations/approvals/appr%2F2/reject')
      .reply(recordInto(seen, 204, ''));
    const revkeen = client();
    const approved = (await revkeen.approve('appr_1', { idempotencyKey: 'k-approve' }))._unsafeUnwrap();
    const rejected = (
      await revkeen.reject('appr/2', { reason: 'Paid already' }, { idempotencyKey: 'k-reject' })
    )._unsafeUnwrap();
    expect(approved).toMatchObject({ id: '9b2e4f60-7c1d-4e8a-b3f2-5a6c7d8e9f01', status: 'approved' });
    expect(rejected).toMatchObject({ id: 'appr/2', status: null });
    expect(seen).toMatchInlineSnapshot(`
      [
        {
          "body": "",
          "headers": {
            "accept": "application/json",
            "host": "api.revkeen.com",
            "idempotency-key": "k-approve",
            "user-agent": "asyncjob/0.1 (+https://www.npmjs.com/package/@asyncjob/core)",
          },
          "method": "POST",
          "path": "/v2/automations/approvals/appr_1/approve",
        },
        {
          "body": {
            "reason": "Paid already",
          },
          "headers": {
            "accept": "application/json",
            "content-type": "application/json",
            "host": "api.revkeen.com",
            "idempotency-key": "k-reject",
            "user-agent": "asyncjob/0.1 (+https://www.npmjs.com/package/@asyncjob/core)",
          },
          "method": "POST",
          "path": "/v2/automations/approvals/appr%2F2/reject",
        },
      ]
    `);
    scope.done();
  });
});

describe('waitForJob', () => {
  it('polls a run from queued through running to succeeded', async () => {
    const scope = api()
      .get(RUN_PATH)
      .reply(200, fixture('revkeen-run-get-queued'))
      .get(RUN_PATH)
      .reply(200, fixture('revkeen-run-get-running'))
      .get(RUN_PATH)
      .reply(200, fixture('revkeen-run-get-succeeded'));
    const clock = createFakeClock();
    const statuses: string[] = [];
    const result = await waitForJob<RevkeenResult>(client(), ID, {
      now: clock.now,
      delay: clock.delay,
      timeoutMs: 60_000,
      onStatusChange: (job: AsyncJob<RevkeenResult>) => statuses.push(job.status),
    });
    const job = result._unsafeUnwrap();
    expect(statuses).toEqual(['queued', 'running', 'succeeded']);
    expect(job.status === 'succeeded' && job.result?.summary).toBe('Sent 2 reminder emails');
    expect(clock.delay.calls).toHaveLength(2);
    for (const delayMs of clock.delay.calls) expect(delayMs).toBeGreaterThanOrEqual(1000);
    scope.done();
  });
});
