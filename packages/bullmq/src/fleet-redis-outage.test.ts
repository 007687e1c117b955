import { createAsyncJob } from '@asyncjob/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFleet } from './create-fleet';
import type { FleetEvent } from './fleet-types';
import { fakeClient, registryOf } from './test-support/fake-client';
import { freePort, startTestRedis, type TestRedis } from './test-support/redis-server';

describe('a fleet without Redis', () => {
  it('answers with typed network errors after retrying, and closes cleanly', async () => {
    const port = await freePort();
    const events: FleetEvent[] = [];
    const fleet = createFleet({
      connection: { host: '127.0.0.1', port, retryStrategy: () => 100 },
      registry: registryOf(fakeClient()),
      redisTimeoutMs: 600,
      onEvent: (event) => events.push(event),
    })._unsafeUnwrap();
    const startedAt = Date.now();
    const tracked = await fleet.track('fake:1');
    expect(tracked._unsafeUnwrapErr()).toMatchObject({ kind: 'network', retryable: true });
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(300);
    expect((await fleet.outcome('fake:1'))._unsafeUnwrapErr().kind).toBe('network');
    expect((await fleet.counts())._unsafeUnwrapErr().kind).toBe('network');
    const worker = await fleet.startWorker({ connectTimeoutMs: 500 });
    expect(worker._unsafeUnwrapErr()).toMatchObject({ kind: 'network', retryable: true });
    expect(events.some((event) => event.type === 'redis_error' && event.error.kind === 'network')).toBe(true);
    expect((await fleet.close()).isOk()).toBe(true);
    expect((await fleet.track('fake:1'))._unsafeUnwrapErr().kind).toBe('aborted');
  });
});

describe('a fleet whose Redis goes away and comes back', () => {
  let redis: TestRedis;

  beforeAll(async () => {
    redis = await startTestRedis({ persistent: true });
  });

  afterAll(async () => {
    await redis.dispose();
  });

  it('reports typed errors while Redis is away and settles every job exactly once after', async () => {
    const client = fakeClient();
    const start = Date.now();
    const ids = Array.from({ length: 20 }, (_, index) => `o${index}`);
    ids.forEach((id, index) => {
      client.jobs.set(id, { finishAt: start + 200 + index * 150 });
    });
    const events: FleetEvent[] = [];
    const options = {
      connection: { host: '127.0.0.1', port: redis.port, retryStrategy: () => 200 },
      registry: registryOf(client),
      prefix: 'outage',
      backoff: { minDelayMs: 50, maxDelayMs: 200, initialDelayMs: 100 },
      lockDurationMs: 1000,
      stalledIntervalMs: 500,
      redisTimeoutMs: 500,
    };
    const fleet = createFleet({ ...options, onEvent: (event) => events.push(event) })._unsafeUnwrap();
    const workers = createFleet(options)._unsafeUnwrap();
    (await workers.startWorker())._unsafeUnwrap();
    const seen: string[] = [];
    fleet.onSettled((settled) => void seen.push(settled.ref), { blockMs: 300, claimIdleMs: 2000 });
    for (const id of ids) (await fleet.track(`fake:${id}`))._unsafeUnwrap();
    await waitFor(() => seen.length >= 4);

    await redis.stop();
    const whileAway = await fleet.track('fake:late');
    expect(whileAway._unsafeUnwrapErr()).toMatchObject({ kind: 'network', retryable: true });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await redis.start();

    client.jobs.set('late', { finishAt: 0 });
    // The error said retryable: a caller retries until the clients have reconnected (slower on a busy machine).
    await waitFor(async () => (await fleet.track('fake:late')).isOk());
    const expected = [...ids, 'late'].map((id) => `fake:${id}`).sort();
    await waitFor(() => seen.length >= expected.length, 20_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect([...seen].sort()).toEqual(expected);
    expect(events.some((event) => event.type === 'redis_error' && event.error.kind === 'network')).toBe(true);
    await waitFor(async () => {
      const counts = (await fleet.counts())._unsafeUnwrap().fake;
      return counts?.waiting === 0 && counts.delayed === 0 && counts.active === 0 && counts.failed === 0;
    });
    await Promise.all([fleet.close(), workers.close()]);
  }, 40_000);
});

describe('a fleet whose Redis comes back empty', () => {
  it('makes its consumer group again and goes on delivering', async () => {
    const redis = await startTestRedis();
    const fleet = createFleet({
      connection: { host: '127.0.0.1', port: redis.port, retryStrategy: () => 100 },
      registry: registryOf(fakeClient()),
      redisTimeoutMs: 5000,
    })._unsafeUnwrap();
    const seen: string[] = [];
    fleet.onSettled((settled) => void seen.push(settled.ref), { blockMs: 200 });
    const done = (id: string) =>
      createAsyncJob({ provider: 'fake', id, status: 'succeeded', rawStatus: 'done' });
    await fleet.track(done('before'));
    await waitFor(() => seen.length === 1);
    await redis.stop();
    await redis.start();
    (await fleet.track(done('after')))._unsafeUnwrap();
    await waitFor(() => seen.length === 2);
    expect(seen).toEqual(['fake:before', 'fake:after']);
    await fleet.close();
    await redis.dispose();
  }, 20_000);
});

async function waitFor(done: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
