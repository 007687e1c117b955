import { afterEach, describe, expect, it } from 'vitest';
import type { SimulatorOptions } from './simulator-options';
import type { RunningSimulator } from './start-simulator';
import { send, startTestSimulator, TEST_START_MS, type TestClock } from './test-helpers';

let simulator: RunningSimulator;
let clock: TestClock;

async function start(options: SimulatorOptions = {}) {
  ({ simulator, clock } = await startTestSimulator({
    durations: { oration: { queued: 1000, run: 4000, retryDelay: 2000 } },
    ...options,
  }));
}

afterEach(async () => {
  await simulator?.close();
});

const WORKSPACE_1 = { 'x-api-key': 'oration-sim-key-1', 'x-workspace-slug': 'sim-workspace' };
const WORKSPACE_2 = {
  'x-api-key': 'oration-sim-key-2',
  'x-workspace-id': '0b7d2c4e-9a1f-4c3b-8e5d-2f6a7b8c9d0e',
};
const url = (path: string) => `${simulator.baseUrls.oration}${path}`;
const iso = (offsetMs: number) => new Date(TEST_START_MS + offsetMs).toISOString();
const batch = (simulate?: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  customers: [
    {
      identifier: 'cust-1',
      name: 'Ada',
      phoneNumber: '+12345678901',
      metadata: simulate ? { simulate } : { plan: 'pro' },
    },
    { identifier: 'cust-2', email: 'grace@example.com' },
  ],
  ...extra,
});

describe('Oration auth', () => {
  it.each([
    [{}, 401, 'Missing x-api-key header'],
    [{ 'x-api-key': 'nope', 'x-workspace-slug': 'sim-workspace' }, 401, 'Invalid API key'],
    [{ 'x-api-key': 'oration-sim-key-1' }, 400, 'Missing x-workspace-slug or x-workspace-id header'],
    [
      { 'x-api-key': 'oration-sim-key-1', 'x-workspace-slug': 'sim-workspace-2' },
      403,
      'The API key does not belong to this workspace',
    ],
  ])('%j → %i', async (headers, status, message) => {
    await start();
    const response = await send(url('/jobs/abc'), { headers });
    expect(response.status).toBe(status);
    expect(response.body.message).toBe(message);
    expect(typeof response.body.error).toBe('string');
  });

  it('checks a Bearer token only when the key has one', async () => {
    await start({
      keys: {
        oration: [
          {
            apiKey: 'k',
            workspaceSlug: 'ws',
            workspaceId: '11111111-1111-4111-8111-111111111111',
            token: 'tok',
          },
        ],
      },
    });
    const base = { 'x-api-key': 'k', 'x-workspace-slug': 'ws' };
    expect((await send(url('/jobs/x'), { headers: { ...base, authorization: 'Bearer tok' } })).status).toBe(
      404,
    );
    expect((await send(url('/jobs/x'), { headers: { ...base, authorization: 'Bearer other' } })).status).toBe(
      401,
    );
    expect((await send(url('/jobs/x'), { headers: base })).status).toBe(404);
  });
});

describe('POST /customers/batch', () => {
  it.each([
    [{ customers: [] }, 'customers must be a non-empty array'],
    [{ customers: [{ name: 'x' }] }, 'customers[0].identifier is required'],
    [
      { customers: [{ identifier: 'a' }], strategy: 'upsert', partial: true },
      'partial is only valid with strategy "insert"',
    ],
  ])('%j → 400', async (body, message) => {
    await start();
    const response = await send(url('/customers/batch'), { headers: WORKSPACE_1, body });
    expect([response.status, response.body]).toEqual([400, { error: 'Bad Request', message }]);
  });

  it('walks created → queued → active → success on the injected clock', async () => {
    await start();
    const created = await send(url('/customers/batch'), {
      headers: WORKSPACE_1,
      body: batch({ outcome: 'succeeded', retries: 0 }),
    });
    expect(created.status).toBe(202);
    const { jobId } = created.body;
    expect(Object.keys(created.body)).toEqual(['jobId']);
    const get = () => send(url(`/jobs/${jobId}`), { headers: WORKSPACE_1 });
    const first = await get();
    expect(first.body).toEqual({
      id: jobId,
      createdAt: iso(0),
      updatedAt: iso(0),
      jobProviderId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: 'customer.createBatch',
      status: 'created',
      error: null,
      workspaceId: '6f8c7d9d-34e2-4f42-9f5d-8f3c5b16a6af',
    });
    const seen: [string, string][] = [];
    for (const step of [200, 800, 4000]) {
      clock.advance(step);
      const body = (await get()).body;
      seen.push([body.status, body.updatedAt]);
    }
    expect(seen).toEqual([
      ['queued', iso(200)],
      ['active', iso(1000)],
      ['success', iso(5000)],
    ]);
  });

  it('retries (retrying → active) and then fails with an error string', async () => {
    await start();
    const created = await send(url('/customers/batch'), {
      headers: WORKSPACE_1,
      body: batch({ outcome: 'failed', retries: 1, queuedMs: 0, runMs: 100 }),
    });
    const get = () => send(url(`/jobs/${created.body.jobId}`), { headers: WORKSPACE_1 });
    clock.advance(100);
    expect((await get()).body).toMatchObject({ status: 'retrying', error: null });
    clock.advance(2000);
    expect((await get()).body.status).toBe('active');
    clock.advance(100);
    expect((await get()).body).toMatchObject({ status: 'failed', error: expect.any(String) });
  });

  it('fails an insert of an existing customer unless partial, and accepts an upsert', async () => {
    await start();
    const fast = { outcome: 'succeeded', queuedMs: 0, runMs: 0, retries: 0 };
    await send(url('/customers/batch'), { headers: WORKSPACE_1, body: batch(fast) });
    simulator.control.planNextJob('oration', { queuedMs: 0, runMs: 0, retries: 0 });
    const duplicate = await send(url('/customers/batch'), {
      headers: WORKSPACE_1,
      body: { customers: [{ identifier: 'cust-1' }] },
    });
    const failed = (await send(url(`/jobs/${duplicate.body.jobId}`), { headers: WORKSPACE_1 })).body;
    expect(failed).toMatchObject({
      status: 'failed',
      error: 'Customer import failed: Row 1 (cust-1): a customer with this identifier already exists',
    });
    const upsert = await send(url('/customers/batch'), {
      headers: WORKSPACE_1,
      body: { customers: [{ identifier: 'cust-1', metadata: { simulate: fast } }], strategy: 'upsert' },
    });
    expect((await send(url(`/jobs/${upsert.body.jobId}`), { headers: WORKSPACE_1 })).body.status).toBe(
      'success',
    );
    // The other workspace has its own customers.
    const elsewhere = await send(url('/customers/batch'), {
      headers: WORKSPACE_2,
      body: { customers: [{ identifier: 'cust-1', metadata: { simulate: fast } }] },
    });
    expect((await send(url(`/jobs/${elsewhere.body.jobId}`), { headers: WORKSPACE_2 })).body.status).toBe(
      'success',
    );
  });

  it("hides another workspace's job", async () => {
    await start();
    const created = await send(url('/customers/batch'), { headers: WORKSPACE_1, body: batch() });
    const other = await send(url(`/jobs/${created.body.jobId}`), { headers: WORKSPACE_2 });
    expect([other.status, other.body]).toEqual([404, { error: 'Not Found', message: 'Job not found' }]);
  });

  it('drifts a job lookup to an unknown status and extra fields', async () => {
    await start({ faults: { oration: { driftRate: 1 } } });
    const created = await send(url('/customers/batch'), { headers: WORKSPACE_1, body: batch() });
    const drifted = await send(url(`/jobs/${created.body.jobId}`), { headers: WORKSPACE_1 });
    expect(drifted.body).toMatchObject({ status: 'paused_by_vendor', progress: 0.5 });
    expect(simulator.stats().faults.drift).toBe(1);
  });
});
