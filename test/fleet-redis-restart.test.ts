// Redis stops in the middle of a run and comes back: nothing crashes, errors are typed, every job still settles once.

import type { Fleet } from '@asyncjob/bullmq';
import { startTestRedis, type TestRedis } from '@asyncjob/bullmq/test';
import { type RunningSimulator, SIMULATED_VENDORS, startSimulator } from '@asyncjob/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulatorJobs, sleep, unwrap, waitUntil } from './fleet/simulator-jobs';
import { startFleetRun } from './fleet/start-fleet-run';
import { stopWorkers, type WorkerProcess } from './fleet/worker-process';

const PER_VENDOR = 15;
const PREFIX = 'restart';
const TUNING = {
  concurrency: 4,
  backoff: { minDelayMs: 200, initialDelayMs: 400, maxDelayMs: 1000 },
  lockDurationMs: 2000,
  stalledIntervalMs: 1000,
  redisTimeoutMs: 800,
};

let redis: TestRedis;
let simulator: RunningSimulator;
let fleet: Fleet;
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  // Persistent, as a production Redis under BullMQ must be: a restart keeps the queues.
  redis = await startTestRedis({ persistent: true });
  const spread = {
    queued: { medianMs: 500, sigma: 0.5 },
    run: { medianMs: 3000, sigma: 0.5 },
    retryDelay: 300,
  };
  simulator = unwrap(
    await startSimulator({
      seed: 7,
      durations: Object.fromEntries(SIMULATED_VENDORS.map((vendor) => [vendor, spread])),
      revorPacing: false,
      rateLimits: { revor: null },
    }),
    'start the simulator',
  );
}, 30_000);

afterAll(async () => {
  await stopWorkers(workers);
  await fleet?.close();
  await simulator?.close();
  await redis?.dispose();
}, 30_000);

describe('a fleet whose Redis restarts mid-run', () => {
  it('keeps every process up, reports typed errors, and settles every job exactly once after', async () => {
    const started = await startFleetRun(workers, {
      workerCount: 2,
      simulator,
      redis,
      prefix: PREFIX,
      tuning: TUNING,
    });
    fleet = started.fleet;
    const events = started.events;
    const delivered = new Map<string, number>();
    fleet.onSettled((settled) => void delivered.set(settled.ref, (delivered.get(settled.ref) ?? 0) + 1), {
      blockMs: 500,
    });

    const created = await createSimulatorJobs(simulator, PER_VENDOR + 1, 40);
    const late = created.filter((_, index) => index % (PER_VENDOR + 1) === PER_VENDOR);
    const early = created.filter((entry) => !late.includes(entry));
    for (const { job, operation } of early)
      unwrap(await fleet.track(job.ref, { operation }), `track ${job.ref}`);
    await waitUntil(() => delivered.size >= 10, 20_000);

    await redis.stop();
    const linesBefore = workers.map((worker) => worker.lines.length);
    // While Redis is away: a typed, retryable error after retrying, in this process and in the workers.
    for (const { job, operation } of late) {
      expect((await fleet.track(job.ref, { operation }))._unsafeUnwrapErr()).toMatchObject({
        kind: 'network',
        retryable: true,
      });
    }
    await sleep(1500);
    await redis.start();
    // Back: a caller retries a retryable error, as it would any other.
    for (const { job, operation } of late) {
      await waitUntil(async () => (await fleet.track(job.ref, { operation })).isOk(), 15_000);
    }

    await waitUntil(
      () => delivered.size >= created.length,
      40_000,
      () => `(${delivered.size} settled)`,
    );
    await sleep(1000);
    expect([...delivered.entries()].filter(([, copies]) => copies !== 1)).toEqual([]);
    expect([...delivered.keys()].sort()).toEqual(created.map(({ job }) => job.ref).sort());

    expect(workers.every((worker) => worker.alive())).toBe(true);
    const workerErrors = workers.flatMap((worker, index) =>
      worker.lines.slice(linesBefore[index]).filter((line) => line.event === 'redis_error'),
    );
    expect(workerErrors.length).toBeGreaterThan(0);
    expect(workerErrors.filter((line) => line.kind !== 'network' || line.retryable !== true)).toEqual([]);
    expect(events.some((event) => event.type === 'redis_error' && event.error.kind === 'network')).toBe(true);
    const firstSettles = workers.flatMap((worker) =>
      worker.lines.filter((line) => line.event === 'settled' && line.first === true).map((line) => line.ref),
    );
    // Never two first settles of one ref. A settle that Redis recorded while going away, without sending its
    // reply, is reported as first by no worker; its outcome still reached the consumer exactly once (above).
    expect(new Set(firstSettles).size).toBe(firstSettles.length);
    expect(firstSettles.every((ref) => created.some(({ job }) => job.ref === ref))).toBe(true);

    await waitUntil(async () => {
      const counts = await fleet.counts();
      return (
        counts.isOk() &&
        Object.values(counts.value).every(
          (count) => count.waiting + count.delayed + count.active + count.prioritized + count.failed === 0,
        )
      );
    }, 10_000);
  }, 90_000);
});
