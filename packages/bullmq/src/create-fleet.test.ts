import { asyncJobError, createAsyncJob } from '@asyncjob/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFleet } from './create-fleet';
import type { Fleet, FleetEvent, FleetOptions, FleetSettledJob } from './fleet-types';
import { type FakeClient, fakeClient, registryOf } from './test-support/fake-client';
import { startTestRedis, type TestRedis } from './test-support/redis-server';

let redis: TestRedis;
let prefixCount = 0;
const opened: Fleet[] = [];

beforeAll(async () => {
  redis = await startTestRedis();
});

afterAll(async () => {
  await redis.dispose();
});

afterEach(async () => {
  await Promise.all(opened.splice(0).map((fleet) => fleet.close()));
});

function open(
  client: FakeClient,
  options: Partial<FleetOptions> = {},
): { fleet: Fleet; events: FleetEvent[] } {
  const events: FleetEvent[] = [];
  prefixCount += 1;
  const fleet = createFleet({
    connection: redis.url,
    registry: registryOf(client),
    prefix: `test${prefixCount}`,
    backoff: { minDelayMs: 50, maxDelayMs: 200, initialDelayMs: 100 },
    lockDurationMs: 1000,
    stalledIntervalMs: 500,
    onEvent: (event) => events.push(event),
    ...options,
  })._unsafeUnwrap();
  opened.push(fleet);
  return { fleet, events };
}

async function collect(fleet: Fleet, count: number, timeoutMs = 10_000): Promise<FleetSettledJob[]> {
  const settled: FleetSettledJob[] = [];
  const signal = AbortSignal.timeout(timeoutMs);
  for await (const job of fleet.settled({ signal, blockMs: 200 })) {
    settled.push(job);
    if (settled.length >= count) break;
  }
  return settled;
}

describe('createFleet', () => {
  it('checks a job until it finishes and hands its outcome out once', async () => {
    const client = fakeClient();
    client.jobs.set('a', { finishAt: Date.now() + 400 });
    const { fleet } = open(client);
    (await fleet.startWorker())._unsafeUnwrap();
    const receipt = await fleet.track('fake:a', { operation: 'export' });
    expect(receipt._unsafeUnwrap()).toEqual({
      ref: 'fake:a',
      jobId: 'fake%3Aa',
      provider: 'fake',
      status: 'tracked',
    });

    const [settled] = await collect(fleet, 1);
    expect(settled?.ref).toBe('fake:a');
    expect(settled?.operation).toBe('export');
    expect(settled?.result._unsafeUnwrap().status).toBe('succeeded');
    expect(settled?.checks).toBeGreaterThan(1);
    expect(client.requests.length).toBe(settled?.checks);
    expect((await fleet.outcome('fake:a'))._unsafeUnwrap()?.result._unsafeUnwrap().status).toBe('succeeded');
    expect((await fleet.outcome('fake:unknown'))._unsafeUnwrap()).toBeNull();
  });

  it('tracks a ref once however often and from however many processes it is tracked', async () => {
    const client = fakeClient();
    client.jobs.set('b', { finishAt: Date.now() + 300 });
    const { fleet } = open(client);
    const other = createFleet({ connection: redis.url, registry: registryOf(client), prefix: fleet.prefix });
    opened.push(other._unsafeUnwrap());
    const statuses = async () =>
      (await Promise.all([fleet.track('fake:b'), other._unsafeUnwrap().track('fake:b')])).map(
        (receipt) => receipt._unsafeUnwrap().status,
      );
    // Side by side, both may see no job yet: BullMQ's id keeps it to one job all the same.
    expect(await statuses()).toContain('tracked');
    expect(await statuses()).toEqual(['already_tracked', 'already_tracked']);
    const counts = (await fleet.counts())._unsafeUnwrap();
    expect(counts.fake?.waiting).toBe(1);

    (await fleet.startWorker())._unsafeUnwrap();
    const settled = await collect(fleet, 1);
    expect(settled.map((job) => job.ref)).toEqual(['fake:b']);
    expect((await fleet.track('fake:b'))._unsafeUnwrap().status).toBe('already_settled');
    // Nothing else arrives.
    expect(await collect(fleet, 1, 800)).toEqual([]);
  });

  it('settles a finished job in hand without a request, and a job that cannot be found at once', async () => {
    const client = fakeClient();
    const { fleet } = open(client);
    const done = createAsyncJob({ provider: 'fake', id: 'c', status: 'failed', rawStatus: 'error' });
    expect((await fleet.track(done))._unsafeUnwrap().status).toBe('settled');
    expect((await fleet.track(done))._unsafeUnwrap().status).toBe('already_settled');
    (await fleet.startWorker())._unsafeUnwrap();
    expect((await fleet.track('fake:missing'))._unsafeUnwrap().status).toBe('tracked');

    const settled = await collect(fleet, 2);
    const byRef = new Map(settled.map((job) => [job.ref, job]));
    expect(byRef.get('fake:c')?.result._unsafeUnwrap().status).toBe('failed');
    expect(byRef.get('fake:c')?.checks).toBe(0);
    expect(byRef.get('fake:missing')?.result._unsafeUnwrapErr().kind).toBe('not_found');
    expect(client.requests.map((request) => request.id)).toEqual(['missing']);
  });

  it('retries a retryable error and ends a job at its deadline with poll_timeout', async () => {
    const client = fakeClient();
    client.jobs.set('slow', { finishAt: Date.now() + 60_000 });
    client.failNext.push({
      error: asyncJobError('server_error', 'boom', { provider: 'fake', httpStatus: 503 }),
    });
    const { fleet, events } = open(client);
    (await fleet.startWorker())._unsafeUnwrap();
    await fleet.track('fake:slow', { timeoutMs: 800 });

    const [settled] = await collect(fleet, 1);
    const error = settled?.result._unsafeUnwrapErr();
    expect(error?.kind).toBe('poll_timeout');
    expect(error?.kind === 'poll_timeout' && error.lastJob?.status).toBe('running');
    expect(events.some((event) => event.type === 'retry' && event.error.kind === 'server_error')).toBe(true);
  });

  it('turns a 429 into a pause of every worker of the provider', async () => {
    const client = fakeClient();
    const finishAt = Date.now() + 200;
    for (const id of ['r1', 'r2', 'r3']) client.jobs.set(id, { finishAt });
    client.failNext.push({
      error: asyncJobError('rate_limited', 'slow down', {
        provider: 'fake',
        httpStatus: 429,
        retryAfterMs: 1000,
      }),
    });
    const { fleet, events } = open(client, { concurrency: 1 });
    for (const id of ['r1', 'r2', 'r3']) await fleet.track(`fake:${id}`);
    // Two workers: the pause must hold for both.
    (await fleet.startWorker())._unsafeUnwrap();
    (await fleet.startWorker())._unsafeUnwrap();

    const settled = await collect(fleet, 3);
    expect(settled.map((job) => job.ref).sort()).toEqual(['fake:r1', 'fake:r2', 'fake:r3']);
    const [refused, ...rest] = client.requests;
    // The other worker may already have a lookup in flight when the 429 arrives (a few ms apart); every lookup
    // sent after the 429 was seen waits out the pause.
    const gaps = rest.map((request) => request.at - (refused?.at ?? 0));
    expect(gaps.filter((gap) => gap >= 50 && gap < 900)).toEqual([]);
    expect(gaps.filter((gap) => gap < 50).length).toBeLessThanOrEqual(1);
    expect(events).toContainEqual({
      type: 'rate_limited',
      provider: 'fake',
      pauseMs: 1000,
      reason: 'http_429',
    });
  });

  it('pauses the provider when the rate headers say the window is used up', async () => {
    const client = fakeClient();
    client.jobs.set('w1', { finishAt: Date.now() + 5000 });
    client.jobs.set('w2', { finishAt: 0 });
    client.hints = { rateLimit: { limit: 2, remaining: 0, windowMs: 700 } };
    const { fleet, events } = open(client, { concurrency: 1 });
    await fleet.track('fake:w1');
    (await fleet.startWorker())._unsafeUnwrap();
    await new Promise((resolve) => setTimeout(resolve, 150));
    client.hints = null;
    await fleet.track('fake:w2');
    await collect(fleet, 1);
    expect(events).toContainEqual({
      type: 'rate_limited',
      provider: 'fake',
      pauseMs: 700,
      reason: 'window_exhausted',
    });
    const [first, second] = client.requests;
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(600);
  });

  it('hands each outcome to one consumer of a group, and to every group', async () => {
    const client = fakeClient();
    const { fleet } = open(client);
    const refs = ['g1', 'g2', 'g3', 'g4', 'g5', 'g6'];
    for (const id of refs) client.jobs.set(id, { finishAt: 0 });
    const first: string[] = [];
    const second: string[] = [];
    const audit: string[] = [];
    fleet.onSettled((settled) => void first.push(settled.ref), { group: 'app', blockMs: 200 });
    fleet.onSettled((settled) => void second.push(settled.ref), { group: 'app', blockMs: 200 });
    fleet.onSettled((settled) => void audit.push(settled.ref), { group: 'audit', blockMs: 200 });
    for (const id of refs) await fleet.track(`fake:${id}`);
    (await fleet.startWorker())._unsafeUnwrap();
    await waitFor(() => audit.length === refs.length && first.length + second.length === refs.length);
    expect([...first, ...second].sort()).toEqual(refs.map((id) => `fake:${id}`));
    expect(audit.sort()).toEqual(refs.map((id) => `fake:${id}`));
  });

  it('keeps outcomes for outcomeTtlMs only', async () => {
    const client = fakeClient();
    const { fleet } = open(client, { outcomeTtlMs: 500 });
    const done = createAsyncJob({ provider: 'fake', id: 't', status: 'succeeded', rawStatus: 'done' });
    await fleet.track(done);
    expect((await fleet.outcome('fake:t'))._unsafeUnwrap()).not.toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect((await fleet.outcome('fake:t'))._unsafeUnwrap()).toBeNull();
  });

  it('hands the job of a worker that stopped mid-check to another worker', async () => {
    const stuck = fakeClient();
    stuck.hold = new Promise(() => {});
    const healthy = fakeClient();
    healthy.jobs.set('s', { finishAt: 0 });
    const { fleet: dying } = open(stuck);
    const dyingWorker = (await dying.startWorker())._unsafeUnwrap();
    await dying.track('fake:s');
    await waitFor(() => stuck.requests.length === 0 && dyingWorker.stats().checks === 1);
    await dyingWorker.close({ timeoutMs: 0 });

    const survivor = createFleet({
      connection: redis.url,
      registry: registryOf(healthy),
      prefix: dying.prefix,
      lockDurationMs: 1000,
      stalledIntervalMs: 300,
    })._unsafeUnwrap();
    opened.push(survivor);
    (await survivor.startWorker())._unsafeUnwrap();
    const [settled] = await collect(survivor, 1);
    expect(settled?.ref).toBe('fake:s');
    expect(healthy.requests).toHaveLength(1);
  }, 15_000);

  it('reports a throwing handler and does not hand its outcome out again', async () => {
    const client = fakeClient();
    const { fleet, events } = open(client);
    const calls: string[] = [];
    fleet.onSettled(
      (settled) => {
        calls.push(settled.ref);
        throw new Error('handler bug');
      },
      { blockMs: 200, claimIdleMs: 300 },
    );
    await fleet.track(createAsyncJob({ provider: 'fake', id: 'h', status: 'succeeded', rawStatus: 'done' }));
    await waitFor(() => events.some((event) => event.type === 'handler_error'));
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(calls).toEqual(['fake:h']);
  });

  it('hands an outcome a consumer took but never finished to another consumer of its group', async () => {
    const client = fakeClient();
    const { fleet: crashing } = open(client);
    await crashing.track(
      createAsyncJob({ provider: 'fake', id: 'x', status: 'succeeded', rawStatus: 'done' }),
    );
    const reader = crashing.settled({ group: 'billing', blockMs: 200 });
    expect((await reader.next()).value?.ref).toBe('fake:x');
    // The process goes away while its loop body runs: the entry was never acknowledged.
    await crashing.close();

    const { fleet: survivor } = open(client, { prefix: crashing.prefix });
    const seen: string[] = [];
    survivor.onSettled((settled) => void seen.push(settled.ref), {
      group: 'billing',
      blockMs: 200,
      claimIdleMs: 300,
    });
    await waitFor(() => seen.length === 1);
    expect(seen).toEqual(['fake:x']);
  });

  it('ends settled() when the fleet closes', async () => {
    const { fleet } = open(fakeClient());
    const reading = (async () => {
      const refs: string[] = [];
      for await (const settled of fleet.settled({ blockMs: 5000 })) refs.push(settled.ref);
      return refs;
    })();
    await new Promise((resolve) => setTimeout(resolve, 200));
    await fleet.close();
    expect(await reading).toEqual([]);
  });

  it('refuses a worker for a provider the fleet does not know', async () => {
    const { fleet } = open(fakeClient());
    expect((await fleet.startWorker({ providers: ['revor'] }))._unsafeUnwrapErr()).toMatchObject({
      kind: 'config',
      field: 'providers',
    });
  });

  it('reports bad options as config errors', () => {
    const client = fakeClient();
    expect(
      createFleet({ connection: 'http://localhost', registry: registryOf(client) })._unsafeUnwrapErr(),
    ).toMatchObject({
      kind: 'config',
      field: 'connection',
    });
    expect(
      createFleet({ connection: redis.url, registry: registryOf(client), concurrency: 0 })._unsafeUnwrapErr(),
    ).toMatchObject({ kind: 'config', field: 'concurrency' });
    expect(createFleet({ connection: redis.url })._unsafeUnwrapErr()).toMatchObject({
      kind: 'config',
      field: 'registry',
    });
    expect(
      createFleet({ connection: redis.url, registry: registryOf(client), prefix: 'a:b' })._unsafeUnwrapErr(),
    ).toMatchObject({ kind: 'config', field: 'prefix' });
  });
});

async function waitFor(done: () => boolean, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
