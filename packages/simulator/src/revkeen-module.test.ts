import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_REVKEEN_AUTOMATIONS, type SimulatorOptions } from './simulator-options';
import type { RunningSimulator } from './start-simulator';
import { send, startTestSimulator, TEST_START_MS, type TestClock } from './test-helpers';

let simulator: RunningSimulator;
let clock: TestClock;

async function start(options: SimulatorOptions = {}) {
  ({ simulator, clock } = await startTestSimulator({
    durations: { revkeen: { queued: 1000, run: 10_000 } },
    ...options,
  }));
}

afterEach(async () => {
  await simulator?.close();
});

const KEY_1 = { 'x-api-key': 'rk_sandbox_sim_1' };
const KEY_2 = { 'x-api-key': 'rk_sandbox_sim_2' };
const AUTOMATION = (DEFAULT_REVKEEN_AUTOMATIONS[0] as { id: string }).id;
const APPROVAL_AUTOMATION = (DEFAULT_REVKEEN_AUTOMATIONS[1] as { id: string }).id;
const url = (path: string) => `${simulator.baseUrls.revkeen}${path}`;
const iso = (offsetMs: number) => new Date(TEST_START_MS + offsetMs).toISOString();

async function createRun(
  triggerPayload: unknown = null,
  headers: Record<string, string> = KEY_1,
  automation = AUTOMATION,
) {
  return send(url(`/automations/${automation}/runs`), { headers, body: { trigger_payload: triggerPayload } });
}
const getRun = (runId: string, headers = KEY_1, automation = AUTOMATION) =>
  send(url(`/automations/${automation}/runs/${runId}`), { headers });

describe('RevKeen auth', () => {
  it.each([
    [{}, 'authentication_failed'],
    [{ 'x-api-key': 'rk_sandbox_unknown' }, 'invalid_api_key'],
    [{ 'x-api-key': 'sk_live_abc' }, 'invalid_api_key'],
  ])('%j → 401 %s', async (headers, code) => {
    await start();
    const response = await send(url('/automations'), { headers });
    expect(response.status).toBe(401);
    expect(response.body.error).toMatchObject({
      type: 'authentication_error',
      code,
      message: expect.any(String),
    });
  });
});

describe('POST /automations/:id/runs', () => {
  it('creates a run and walks queued → running → completed', async () => {
    await start();
    const created = await createRun({ invoice: 'inv_1' });
    expect(created.status).toBe(202);
    const runId = created.body.data.id;
    expect(created.body).toEqual({
      data: {
        id: runId,
        object: 'automation_run',
        status: 'queued',
        automation_id: AUTOMATION,
        job_id: expect.stringMatching(/^job_/),
      },
    });
    expect((await getRun(runId)).body.data).toMatchObject({
      status: 'queued',
      started_at: null,
      steps: [{ step_index: 0 }],
    });
    clock.advance(1000);
    expect((await getRun(runId)).body.data).toMatchObject({ status: 'running', started_at: iso(1000) });
    clock.advance(10_000);
    const done = (await getRun(runId)).body.data;
    expect(done).toMatchObject({
      id: runId,
      object: 'automation_run',
      automation_id: AUTOMATION,
      automation_name: 'Chase overdue invoices',
      status: expect.stringMatching(/^(completed|failed|cancelled)$/),
      trigger_source: 'api',
      created_at: iso(0),
      trigger_payload: { invoice: 'inv_1' },
      version: { version: 1 },
      automation: { id: AUTOMATION, name: 'Chase overdue invoices' },
      approvals: [],
    });
    expect(Object.keys(done)).toEqual(
      expect.arrayContaining([
        'summary',
        'error_message',
        'completed_at',
        'automation_version_id',
        'thread_id',
        'notifications',
      ]),
    );
  });

  it('fails a run on request with an error message', async () => {
    await start();
    const created = await createRun({ simulate: { outcome: 'failed', queuedMs: 0, runMs: 100 } });
    clock.advance(100);
    expect((await getRun(created.body.data.id)).body.data).toMatchObject({
      status: 'failed',
      error_message: expect.any(String),
      completed_at: iso(100),
    });
  });

  it.each([
    [{ trigger_payload: null, extra: true }, 'extra'],
    [[1, 2], 'body'],
    ['{bad', 'body'],
  ])('%j → 400 validation_error on %s', async (body, param) => {
    await start();
    const response = await send(url(`/automations/${AUTOMATION}/runs`), { headers: KEY_1, body });
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({
      type: 'invalid_request_error',
      code: 'validation_error',
      param,
    });
    expect(response.body.error.details.fields[param]).toHaveLength(1);
  });

  it('answers 404 resource_missing for an unknown automation', async () => {
    await start();
    const response = await createRun(null, KEY_1, '00000000-0000-4000-8000-000000000000');
    expect([response.status, response.body.error.code]).toEqual([404, 'resource_missing']);
  });

  it('replays with Idempotency-Replayed and refuses a different body', async () => {
    await start();
    const headers = { ...KEY_1, 'idempotency-key': 'b9a1c7e2-0000-4000-8000-000000000001' };
    const first = await send(url(`/automations/${AUTOMATION}/runs`), {
      headers,
      body: { trigger_payload: { a: 1 } },
    });
    expect(first.headers.get('idempotency-replayed')).toBeNull();
    const replay = await send(url(`/automations/${AUTOMATION}/runs`), {
      headers,
      body: { trigger_payload: { a: 1 } },
    });
    expect([replay.status, replay.headers.get('idempotency-replayed')]).toEqual([202, 'true']);
    expect(replay.body).toEqual(first.body);
    const conflict = await send(url(`/automations/${AUTOMATION}/runs`), {
      headers,
      body: { trigger_payload: { a: 2 } },
    });
    expect([conflict.status, conflict.body.error.code]).toEqual([409, 'idempotency_conflict']);
    expect(simulator.stats().byVendor.revkeen.jobsCreated).toBe(1);
  });
});

describe('RevKeen approvals', () => {
  it('pauses a run for approval and finishes it once approved', async () => {
    await start();
    const created = await createRun({ simulate: { approval: true, outcome: 'succeeded' } });
    const runId = created.body.data.id;
    clock.advance(1000 + 4000);
    const waiting = (await getRun(runId)).body.data;
    expect(waiting.status).toBe('awaiting_approval');
    expect(waiting.approvals).toEqual([
      expect.objectContaining({
        status: 'pending',
        approved_at: null,
        rejection_reason: null,
        created_at: iso(5000),
      }),
    ]);
    const approvalId = waiting.approvals[0].id;
    expect(simulator.control.pendingApprovalId(runId)).toBe(approvalId);
    expect(simulator.control.listApprovals({ status: 'pending' })).toEqual([
      {
        id: approvalId,
        runId,
        automationId: AUTOMATION,
        apiKey: 'rk_sandbox_sim_1',
        status: 'pending',
        requestedAtMs: TEST_START_MS + 5000,
      },
    ]);
    const listed = await send(url('/automations/approvals?status=pending'), { headers: KEY_1 });
    expect(listed.body).toMatchObject({
      object: 'list',
      data: [{ id: approvalId, run_id: runId }],
      pagination: { total: 1 },
    });
    expect((await send(url('/automations/approvals'), { headers: KEY_2 })).body.data).toEqual([]);

    clock.advance(60_000);
    expect((await getRun(runId)).body.data.status).toBe('awaiting_approval');
    const approved = await send(url(`/automations/approvals/${approvalId}/approve`), {
      headers: KEY_1,
      body: {},
    });
    expect(approved.body.data).toMatchObject({
      id: approvalId,
      status: 'approved',
      approved_at: iso(65_000),
    });
    const again = await send(url(`/automations/approvals/${approvalId}/approve`), {
      headers: KEY_1,
      body: {},
    });
    expect([again.status, again.body.error.code]).toEqual([409, 'approval_not_pending']);
    expect((await getRun(runId)).body.data.status).toBe('running');
    clock.advance(6000);
    expect((await getRun(runId)).body.data).toMatchObject({ status: 'completed', completed_at: iso(71_000) });
    expect(simulator.control.jobTruth('revkeen', runId)).toMatchObject({
      outcome: 'succeeded',
      finishedAtMs: TEST_START_MS + 71_000,
    });
  });

  it('cancels a run whose approval is rejected, with the reason', async () => {
    await start();
    const created = await createRun(null, KEY_1, APPROVAL_AUTOMATION);
    const runId = created.body.data.id;
    clock.advance(5000);
    const approvalId = simulator.control.pendingApprovalId(runId) as string;
    expect(approvalId).toEqual(expect.any(String));
    const other = await send(url(`/automations/approvals/${approvalId}/reject`), {
      headers: KEY_2,
      body: {},
    });
    expect(other.status).toBe(404);
    const rejected = await send(url(`/automations/approvals/${approvalId}/reject`), {
      headers: KEY_1,
      body: { reason: 'Refund too large' },
    });
    expect(rejected.body.data).toMatchObject({ status: 'rejected', rejection_reason: 'Refund too large' });
    expect((await getRun(runId, KEY_1, APPROVAL_AUTOMATION)).body.data).toMatchObject({
      status: 'cancelled',
      error_message: 'Approval rejected: Refund too large',
      completed_at: iso(5000),
    });
  });

  it('lets the control API decide an approval', async () => {
    await start({ outcomes: { revkeen: { approval: 1, failed: 0, cancelled: 0 } } });
    const runId = (await createRun()).body.data.id;
    expect(simulator.control.pendingApprovalId(runId)).toBeNull();
    clock.advance(5000);
    const approvalId = simulator.control.pendingApprovalId(runId) as string;
    expect(simulator.control.decideApproval(approvalId, 'approve')).toBe(true);
    expect(simulator.control.decideApproval(approvalId, 'reject')).toBe(false);
    clock.advance(6000);
    expect((await getRun(runId)).body.data.status).toBe('completed');
  });
});

describe('GET /automations/:id/runs', () => {
  it('lists the key own runs newest first, with pagination and a status filter', async () => {
    await start();
    const ids: string[] = [];
    for (const outcome of ['succeeded', 'failed', 'succeeded']) {
      ids.push((await createRun({ simulate: { outcome, queuedMs: 0, runMs: 10 } })).body.data.id);
      clock.advance(1);
    }
    await createRun(null, KEY_2);
    clock.advance(100);
    const page = await send(url(`/automations/${AUTOMATION}/runs?limit=2`), { headers: KEY_1 });
    expect(page.body.object).toBe('list');
    expect(page.body.data.map((run: { id: string }) => run.id)).toEqual([ids[2], ids[1]]);
    expect(page.body.pagination).toEqual({ limit: 2, offset: 0, total: 3, hasMore: true });
    expect(page.body.data[0].steps).toBeUndefined();
    const failed = await send(url(`/automations/${AUTOMATION}/runs?status=failed`), { headers: KEY_1 });
    expect(failed.body.data.map((run: { id: string }) => run.id)).toEqual([ids[1]]);
    const bad = await send(url(`/automations/${AUTOMATION}/runs?limit=0`), { headers: KEY_1 });
    expect([bad.status, bad.body.error.param]).toEqual([400, 'limit']);
  });

  it("hides another key's run as resource_missing", async () => {
    await start();
    const runId = (await createRun()).body.data.id;
    const other = await getRun(runId, KEY_2);
    expect([other.status, other.body.error]).toEqual([
      404,
      expect.objectContaining({ type: 'invalid_request_error', code: 'resource_missing' }),
    ]);
  });

  it('answers 429 with Retry-After when a limit is set', async () => {
    await start({ rateLimits: { revkeen: { limit: 1, windowMs: 60_000 } } });
    await send(url('/automations'), { headers: KEY_1 });
    const limited = await send(url('/automations'), { headers: KEY_1 });
    expect([limited.status, limited.body.error.code, limited.headers.get('retry-after')]).toEqual([
      429,
      'rate_limit_exceeded',
      '60',
    ]);
  });
});
