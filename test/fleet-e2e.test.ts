// Three worker processes track ~500 simulator jobs over BullMQ; one is killed with SIGKILL partway through.

import type { Fleet, FleetSettledJob } from '@asyncjob/bullmq';
import { startTestRedis, type TestRedis } from '@asyncjob/bullmq/test';
import { type RunningSimulator, SIMULATED_VENDORS, startSimulator } from '@asyncjob/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CreatedJob,
  createSimulatorJobs,
  sleep,
  truthOf,
  unwrap,
  waitUntil,
} from './fleet/simulator-jobs';
import { startFleetRun } from './fleet/start-fleet-run';
import { stopWorkers, type WorkerProcess } from './fleet/worker-process';

const PER_VENDOR = 125;
/** The simulator's budget per key; the fleet's BullMQ limiter uses half, so two of its windows fit in one. */
const VENDOR_LIMIT = { limit: 40, windowMs: 1000 };
const FLEET_LIMIT = { limit: 20, windowMs: 1000 };
const PREFIX = 'e2e';
const TUNING = {
  concurrency: 6,
  rateLimits: Object.fromEntries(SIMULATED_VENDORS.map((vendor) => [vendor, FLEET_LIMIT])),
  backoff: { minDelayMs: 300, initialDelayMs: 600, maxDelayMs: 2000 },
  lockDurationMs: 2000,
  stalledIntervalMs: 1000,
  redisTimeoutMs: 2000,
};

let redis: TestRedis;
let simulator: RunningSimulator;
let fleet: Fleet;
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  redis = await startTestRedis();
  const quick = {
    queued: { medianMs: 400, sigma: 0.5 },
    run: { medianMs: 2000, sigma: 0.6 },
    retryDelay: 300,
  };
  simulator = unwrap(
    await startSimulator({
      seed: 20260520,
      rateLimits: Object.fromEntries(SIMULATED_VENDORS.map((vendor) => [vendor, VENDOR_LIMIT])),
      durations: Object.fromEntries(SIMULATED_VENDORS.map((vendor) => [vendor, quick])),
      revorPacing: false,
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

describe('a fleet of three worker processes', () => {
  it('settles every job exactly once within the vendors’ limits, through a worker killed mid-run', async () => {
    const started = await startFleetRun(workers, {
      workerCount: 3,
      simulator,
      redis,
      prefix: PREFIX,
      tuning: TUNING,
    });
    fleet = started.fleet;
    const events = started.events;
    const delivered = new Map<string, FleetSettledJob[]>();
    fleet.onSettled(
      (settled) => {
        delivered.set(settled.ref, [...(delivered.get(settled.ref) ?? []), settled]);
      },
      { blockMs: 500 },
    );

    const startedAt = Date.now();
    const created = await createSimulatorJobs(simulator, PER_VENDOR, 30);
    expect(created).toHaveLength(PER_VENDOR * SIMULATED_VENDORS.length);
    // Some lookups are slow and a few fail with a 5xx, as they do in production.
    const faults = { slowRate: 0.3, slowMs: 300, serverErrorRate: 0.02 };
    simulator.control.setFaults(faults);
    for (const { job, operation } of created) {
      expect((await fleet.track(job, { operation })).isOk()).toBe(true);
    }

    await waitUntil(() => delivered.size >= created.length * 0.3, 30_000);
    // Every lookup slow for a moment, so that the victim dies holding jobs mid-check.
    simulator.control.setFaults({ slowRate: 1, slowMs: 2500 });
    await waitUntil(async () => {
      const counts = unwrap(await fleet.counts(), 'count the jobs');
      return Object.values(counts).reduce((sum, count) => sum + count.active, 0) >= 9;
    }, 5000);
    const victim = workers[0] as WorkerProcess;
    expect(await victim.kill('SIGKILL')).toBe('SIGKILL');
    simulator.control.setFaults(faults);

    await waitUntil(
      () => delivered.size >= created.length,
      45_000,
      () => `(${delivered.size} settled)`,
    );
    await sleep(1000);
    const elapsedMs = Date.now() - startedAt;

    // Exactly once: one delivery per ref, one worker that settled it first.
    expect([...delivered.values()].filter((copies) => copies.length !== 1)).toEqual([]);
    const firstSettles = workers.flatMap((worker) =>
      worker.lines.filter((line) => line.event === 'settled' && line.first === true).map((line) => line.ref),
    );
    expect(firstSettles).toHaveLength(created.length);
    expect(new Set(firstSettles).size).toBe(created.length);

    // Outcomes as the simulator knows them.
    const mismatches = created.flatMap(({ job }: CreatedJob) => {
      const settled = delivered.get(job.ref)?.[0];
      const truth = truthOf(simulator, job);
      const status = settled?.result.isOk()
        ? settled.result.value.status
        : settled?.result._unsafeUnwrapErr().kind;
      return truth?.outcome === status ? [] : [{ ref: job.ref, status, truth: truth?.outcome }];
    });
    expect(mismatches).toEqual([]);

    // The vendors' limits held: every request above a limit would have been a 429.
    const stats = simulator.stats();
    const windows = Math.ceil(elapsedMs / VENDOR_LIMIT.windowMs) + 1;
    for (const vendor of SIMULATED_VENDORS) {
      const vendorStats = stats.byVendor[vendor];
      expect(vendorStats.rateLimited, `${vendor} 429s`).toBeLessThanOrEqual(5);
      expect(vendorStats.requests - vendorStats.rateLimited).toBeLessThanOrEqual(
        VENDOR_LIMIT.limit * windows,
      );
    }
    const pauses = workers.flatMap((worker) => worker.lines.filter((line) => line.event === 'rate_limited'));
    expect(pauses.length).toBeLessThanOrEqual(20);

    // The killed worker's jobs were taken over; the others are still up; nothing is left in the queues.
    const recovered = workers.flatMap((worker) => worker.lines.filter((line) => line.event === 'stalled'));
    expect(recovered.length).toBeGreaterThan(0);
    expect(workers.slice(1).every((worker) => worker.alive())).toBe(true);
    await waitUntil(async () => {
      const counts = unwrap(await fleet.counts(), 'count the jobs');
      return Object.values(counts).every(
        (count) => count.waiting + count.delayed + count.active + count.prioritized + count.failed === 0,
      );
    }, 10_000);
    expect(events.filter((event) => event.type === 'handler_error')).toEqual([]);
  }, 120_000);
});
