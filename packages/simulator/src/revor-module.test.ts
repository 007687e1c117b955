import { afterEach, describe, expect, it } from 'vitest';
import type { SimulatorOptions } from './simulator-options';
import type { RunningSimulator } from './start-simulator';
import { send, startTestSimulator, TEST_START_MS, type TestClock } from './test-helpers';

let simulator: RunningSimulator;
let clock: TestClock;

async function start(options: SimulatorOptions = {}) {
  ({ simulator, clock } = await startTestSimulator({ rateLimits: { revor: null }, ...options }));
}

afterEach(async () => {
  await simulator?.close();
});

const KEY_1 = { authorization: 'Bearer sk-revor-sim-1' };
const KEY_2 = { 'x-api-key': 'sk-revor-sim-2' };
const iso = (offsetMs: number) => new Date(TEST_START_MS + offsetMs).toISOString();

function emailDispatch(extra: Record<string, unknown> = {}) {
  return {
    account_id: 'connect_account_k1_email',
    channel: 'email',
    action: 'outreach',
    recipient: { address: 'ada@example.com', name: 'Ada' },
    content: { subject: 'Hello', text: 'Hi Ada' },
    ...extra,
  };
}

const url = (path: string) => `${simulator.baseUrls.revor}${path}`;

describe('Revor auth', () => {
  it.each([
    [{}, 'api_key_missing'],
    [{ authorization: 'Bearer sk-revor-wrong' }, 'api_key_invalid'],
    [{ authorization: 'Basic abc' }, 'api_key_invalid'],
    [{ 'x-api-key': 'nope' }, 'api_key_invalid'],
  ])('%j → 401 %s', async (headers, code) => {
    await start();
    const response = await send(url('/connect/accounts'), { headers });
    expect(response.status).toBe(401);
    expect(response.body).toEqual({
      ok: false,
      error: { code, message: code, request_id: expect.stringMatching(/^req_/) },
    });
  });

  it('accepts x-api-key, and answers api_key_revoked for a revoked key', async () => {
    await start();
    expect((await send(url('/connect/accounts'), { headers: KEY_2 })).status).toBe(200);
    simulator.control.revokeKey('revor', 'sk-revor-sim-2');
    const revoked = await send(url('/connect/accounts'), { headers: KEY_2 });
    expect([revoked.status, revoked.body.error.code]).toEqual([401, 'api_key_revoked']);
  });
});

describe('GET /connect/accounts', () => {
  it('lists the key own accounts and filters them', async () => {
    await start();
    const all = await send(url('/connect/accounts'), { headers: KEY_1 });
    expect(all.body.ok).toBe(true);
    expect(all.body.items).toHaveLength(4);
    expect(all.body.items[0]).toEqual({
      account_id: 'connect_account_k1_email',
      channel: 'email',
      name: 'Sales 1',
      account_identifier: 'sales1@sim.example.com',
      status: 'ok',
      lifecycle_status: 'active',
      can_send: true,
      can_receive: true,
    });
    const linkedin = await send(url('/connect/accounts?channel=linkedin&can_send=0'), { headers: KEY_1 });
    expect(linkedin.body.items.map((item: { account_id: string }) => item.account_id)).toEqual([
      'connect_account_k1_linkedin_stale',
    ]);
  });

  it.each([
    ['channel=fax', 'invalid_channel'],
    ['can_send=yes', 'invalid_can_send'],
  ])('?%s → 400 %s', async (query, code) => {
    await start();
    const response = await send(url(`/connect/accounts?${query}`), { headers: KEY_1 });
    expect([response.status, response.body.error.code]).toEqual([400, code]);
  });
});

describe('POST /outreach/dispatches', () => {
  it.each([
    [{ content: { text: 'no subject' } }, 400, 'invalid_request'],
    [{ recipient: {} }, 400, 'invalid_request'],
    [{ action: 'send' }, 400, 'invalid_request'],
    [{ account_id: 'connect_account_k2_email' }, 404, 'account_not_found'],
    [{ account_id: 'connect_account_k1_whatsapp' }, 409, 'account_channel_mismatch'],
    [{ min_channel_task_interval_seconds: 90_000 }, 400, 'invalid_request'],
  ])('%j → %i %s', async (override, status, code) => {
    await start();
    const response = await send(url('/outreach/dispatches'), {
      headers: KEY_1,
      body: emailDispatch(override),
    });
    expect([response.status, response.body.error.code]).toEqual([status, code]);
  });

  it('refuses malformed JSON', async () => {
    await start();
    const response = await send(url('/outreach/dispatches'), { headers: KEY_1, body: '{"account_id":' });
    expect([response.status, response.body.error.code]).toEqual([400, 'invalid_request']);
  });

  it('runs a task through queued, running and succeeded on the injected clock', async () => {
    await start();
    const created = await send(url('/outreach/dispatches'), {
      headers: KEY_1,
      body: emailDispatch({ metadata: { simulate: { outcome: 'succeeded', queuedMs: 1000, runMs: 7000 } } }),
    });
    expect(created.status).toBe(202);
    const id = created.body.item.id;
    expect(created.body).toEqual({
      ok: true,
      request_id: expect.stringMatching(/^req_/),
      item: { id, status: 'queued', action: 'outreach.dispatch', channel: 'email', scheduled_at: iso(0) },
    });

    clock.advance(1000);
    const running = await send(url(`/outreach/jobs/${id}`), { headers: KEY_1 });
    expect(running.body.item).toMatchObject({ status: 'running', started_at: iso(1000), attempt_count: 1 });

    clock.advance(7000);
    const done = await send(url(`/outreach/jobs/${id}`), { headers: KEY_1 });
    expect(done.status).toBe(200);
    expect(done.body.item).toEqual({
      id,
      status: 'succeeded',
      action: 'outreach.dispatch',
      channel: 'email',
      scheduled_at: iso(0),
      started_at: iso(1000),
      finished_at: iso(8000),
      attempt_count: 1,
      next_attempt_at: null,
      result: {
        account_id: 'connect_account_k1_email',
        channel: 'email',
        action: 'outreach',
        resolved_action: 'message',
        message_id: expect.stringMatching(/^message_/),
        status: 'accepted',
      },
      error: null,
    });
    expect(simulator.control.jobTruth('revor', id)).toMatchObject({
      status: 'succeeded',
      terminal: true,
      outcome: 'succeeded',
      finishedAtMs: TEST_START_MS + 8000,
    });
  });

  it('plans a retry with next_attempt_at, then fails as data (HTTP 200)', async () => {
    await start({ durations: { revor: { retryDelay: 5000 } } });
    const created = await send(url('/outreach/dispatches'), {
      headers: KEY_1,
      body: emailDispatch({
        metadata: { simulate: { outcome: 'failed', retries: 1, queuedMs: 0, runMs: 100 } },
      }),
    });
    const id = created.body.item.id;
    clock.advance(100);
    const waiting = await send(url(`/outreach/jobs/${id}`), { headers: KEY_1 });
    expect(waiting.body.item).toMatchObject({
      status: 'scheduled',
      attempt_count: 1,
      next_attempt_at: iso(5100),
    });
    clock.advance(5000);
    expect((await send(url(`/outreach/jobs/${id}`), { headers: KEY_1 })).body.item).toMatchObject({
      status: 'running',
      attempt_count: 2,
      next_attempt_at: null,
    });
    clock.advance(100);
    const failed = await send(url(`/outreach/jobs/${id}`), { headers: KEY_1 });
    expect(failed.status).toBe(200);
    expect(failed.body.ok).toBe(true);
    expect(failed.body.item).toMatchObject({
      status: 'failed',
      attempt_count: 2,
      result: null,
      finished_at: iso(5200),
    });
    expect(failed.body.item.error).toEqual({
      code: expect.any(String),
      message: expect.any(String),
      retryable: expect.any(Boolean),
    });
  });

  it('fails a dispatch through an account that needs a reconnect', async () => {
    await start();
    const created = await send(url('/outreach/dispatches'), {
      headers: KEY_1,
      body: {
        account_id: 'connect_account_k1_linkedin_stale',
        channel: 'linkedin',
        action: 'outreach',
        recipient: { profile_url: 'https://www.linkedin.com/in/ada' },
        content: { text: 'Hi' },
        metadata: { simulate: { queuedMs: 0, runMs: 10 } },
      },
    });
    clock.advance(10);
    const job = await send(url(`/outreach/jobs/${created.body.item.id}`), { headers: KEY_1 });
    expect(job.body.item.error).toEqual({
      code: 'connect_account_reconnect_required',
      message: 'connect_account_reconnect_required',
      retryable: false,
    });
  });

  it('paces tasks on the same account and channel by min_channel_task_interval_seconds', async () => {
    await start();
    const body = (interval?: number) =>
      emailDispatch({
        min_channel_task_interval_seconds: interval,
        metadata: { simulate: { queuedMs: 0, runMs: 10 } },
      });
    const first = await send(url('/outreach/dispatches'), { headers: KEY_1, body: body() });
    const second = await send(url('/outreach/dispatches'), { headers: KEY_1, body: body(10) });
    const third = await send(url('/outreach/dispatches'), { headers: KEY_1, body: body(300) });
    expect(first.body.item).toMatchObject({ status: 'running', scheduled_at: iso(0) });
    // 10 s is raised to the 60 s minimum.
    expect(second.body.item).toMatchObject({ status: 'scheduled', scheduled_at: iso(60_000) });
    expect(third.body.item).toMatchObject({ status: 'scheduled', scheduled_at: iso(360_000) });
    clock.advance(60_000);
    const started = await send(url(`/outreach/jobs/${second.body.item.id}`), { headers: KEY_1 });
    expect(started.body.item).toMatchObject({ status: 'running', started_at: iso(60_000) });
    // Another channel of the same key is not held back.
    const whatsapp = await send(url('/outreach/dispatches'), {
      headers: KEY_1,
      body: {
        account_id: 'connect_account_k1_whatsapp',
        channel: 'whatsapp',
        action: 'outreach',
        recipient: { phone: '+15550100' },
        content: { text: 'Hi' },
      },
    });
    expect(whatsapp.body.item.status).not.toBe('scheduled');
  });

  it('does not pace when revorPacing is off', async () => {
    await start({ revorPacing: false });
    await send(url('/outreach/dispatches'), { headers: KEY_1, body: emailDispatch() });
    const second = await send(url('/outreach/dispatches'), {
      headers: KEY_1,
      body: emailDispatch({ content: { subject: 'B', html: '<p>b</p>' } }),
    });
    expect(second.body.item.scheduled_at).toBe(iso(0));
  });
});

describe('POST /outreach/linkedin/post-likes', () => {
  it('uses the only usable LinkedIn account and can succeed as skipped', async () => {
    await start({ outcomes: { revor: { skipped: 1 } } });
    const created = await send(url('/outreach/linkedin/post-likes'), {
      headers: KEY_1,
      body: {
        profile_url: 'https://www.linkedin.com/in/ada',
        topic: 'analytics',
        metadata: { simulate: { outcome: 'succeeded', queuedMs: 0, runMs: 5 } },
      },
    });
    expect(created.status).toBe(202);
    expect(created.body.item).toMatchObject({ action: 'outreach.linkedin.post_like', channel: 'linkedin' });
    clock.advance(5);
    const job = await send(url(`/outreach/jobs/${created.body.item.id}`), { headers: KEY_1 });
    expect(job.body.item).toMatchObject({
      status: 'succeeded',
      result: { account_id: 'connect_account_k1_linkedin', status: 'skipped' },
    });
  });

  it.each([
    [{ topic: 'x' }, 400],
    [{ profile_url: 'https://www.linkedin.com/company/acme', topic: 'x' }, 400],
    [{ profile_url: 'https://www.linkedin.com/in/ada' }, 400],
    [
      { profile_url: 'https://www.linkedin.com/in/ada', intent: 'x', account_id: 'connect_account_k1_email' },
      404,
    ],
  ])('%j → %i', async (body, status) => {
    await start();
    expect((await send(url('/outreach/linkedin/post-likes'), { headers: KEY_1, body })).status).toBe(status);
  });
});

describe('Revor v2 paths', () => {
  it('serves the same tasks under /api/v2 with the lookup at /jobs/{id}', async () => {
    await start();
    const v2 = simulator.revorV2BaseUrl;
    expect(v2).toBe(`${simulator.url}/revor/api/v2`);
    const created = await send(`${v2}/outreach/dispatches`, {
      headers: KEY_1,
      body: emailDispatch({ metadata: { simulate: { outcome: 'succeeded', queuedMs: 0, runMs: 1000 } } }),
    });
    const id = created.body.item.id;
    clock.advance(900);
    expect((await send(`${v2}/jobs/${id}`, { headers: KEY_1 })).body.item.status).toBe('settling');
    expect((await send(url(`/outreach/jobs/${id}`), { headers: KEY_1 })).body.item.status).toBe('running');
    expect((await send(`${v2}/outreach/jobs/${id}`, { headers: KEY_1 })).status).toBe(404);
    expect(simulator.stats().byVendor.revor.byEndpoint['GET /jobs/:id']).toBe(1);
  });
});

describe('Revor tenant scoping', () => {
  it("hides another key's task as task_not_found", async () => {
    await start();
    const created = await send(url('/outreach/dispatches'), { headers: KEY_1, body: emailDispatch() });
    const other = await send(url(`/outreach/jobs/${created.body.item.id}`), { headers: KEY_2 });
    expect([other.status, other.body.error.code]).toEqual([404, 'task_not_found']);
    const unknown = await send(url('/outreach/jobs/does-not-exist'), { headers: KEY_1 });
    expect(unknown.status).toBe(404);
  });
});

describe('Revor idempotency', () => {
  it('replays the original response for the same key and body, and refuses a different body', async () => {
    await start();
    const headers = { ...KEY_1, 'idempotency-key': 'idem-1' };
    const first = await send(url('/outreach/dispatches'), { headers, body: emailDispatch() });
    const replay = await send(url('/outreach/dispatches'), { headers, body: emailDispatch() });
    expect(replay.status).toBe(202);
    expect(replay.body).toEqual(first.body);
    expect(simulator.stats().byVendor.revor.jobsCreated).toBe(1);

    const conflict = await send(url('/outreach/dispatches'), {
      headers,
      body: emailDispatch({ content: { subject: 'Other', text: 'x' } }),
    });
    expect([conflict.status, conflict.body.error.code]).toEqual([409, 'idempotency_conflict']);

    // The same key from another API key is a new request.
    const otherKey = await send(url('/outreach/dispatches'), {
      headers: { ...KEY_2, 'idempotency-key': 'idem-1' },
      body: emailDispatch({ account_id: 'connect_account_k2_email' }),
    });
    expect(otherKey.status).toBe(202);
    expect(simulator.stats().byVendor.revor.jobsCreated).toBe(2);
  });
});

describe('Revor rate limits', () => {
  it('sends the rate-limit headers on every response and 429 with Retry-After when spent', async () => {
    await start({ rateLimits: { revor: { limit: 2, windowMs: 10_000 } } });
    const first = await send(url('/connect/accounts'), { headers: KEY_1 });
    expect(Object.fromEntries([...first.headers].filter(([name]) => name.includes('ratelimit')))).toEqual({
      'x-ratelimit-limit': '2',
      'x-ratelimit-remaining': '1',
      'x-ratelimit-window-ms': '10000',
      'x-user-ratelimit-limit': '2',
      'x-user-ratelimit-remaining': '1',
    });
    await send(url('/outreach/jobs/missing'), { headers: KEY_1 });
    clock.advance(4000);
    const limited = await send(url('/connect/accounts'), { headers: KEY_1 });
    expect([limited.status, limited.body.error.code]).toEqual([429, 'api_rate_limit_exceeded']);
    expect(limited.headers.get('retry-after')).toBe('6');
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    // Another key has its own budget.
    expect((await send(url('/connect/accounts'), { headers: KEY_2 })).status).toBe(200);
    clock.advance(6000);
    expect((await send(url('/connect/accounts'), { headers: KEY_1 })).status).toBe(200);
    expect(simulator.stats().byVendor.revor.rateLimited).toBe(1);
  });

  it('limits 120 requests per minute by default', async () => {
    ({ simulator, clock } = await startTestSimulator());
    const response = await send(url('/connect/accounts'), { headers: KEY_1 });
    expect(response.headers.get('x-ratelimit-limit')).toBe('120');
    expect(response.headers.get('x-ratelimit-window-ms')).toBe('60000');
  });
});

describe('Revor faults', () => {
  it('answers 503 task_unavailable on a create and creates nothing', async () => {
    await start({ faults: { revor: { serverErrorRate: 1, htmlErrorShare: 0 } } });
    const response = await send(url('/outreach/dispatches'), { headers: KEY_1, body: emailDispatch() });
    expect([response.status, response.body.error.code]).toEqual([503, 'task_unavailable']);
    expect(simulator.stats().byVendor.revor.jobsCreated).toBe(0);
  });

  it('drifts a job lookup to an unknown status with extra fields', async () => {
    await start();
    const created = await send(url('/outreach/dispatches'), { headers: KEY_1, body: emailDispatch() });
    simulator.control.setFaults({ driftRate: 1 });
    const drifted = await send(url(`/outreach/jobs/${created.body.item.id}`), { headers: KEY_1 });
    expect(drifted.body.item.status).toBe('paused_by_vendor');
    expect(drifted.body.item.priority).toBe('normal');
    expect(simulator.control.jobTruth('revor', created.body.item.id)?.status).not.toBe('paused_by_vendor');
  });
});
