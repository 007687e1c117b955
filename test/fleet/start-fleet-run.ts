// Test support: worker processes and a producer/consumer fleet, all on one Redis and one simulator.
import { createFleet, type Fleet, type FleetEvent, type FleetOptions } from '@asyncjob/bullmq';
import type { TestRedis } from '@asyncjob/bullmq/test';
import type { RunningSimulator } from '@asyncjob/simulator';
import { factories } from './factories';
import { unwrap, vendorConfigs, vendorEnv } from './simulator-jobs';
import { spawnWorker, type WorkerProcess } from './worker-process';

/** Numeric fleet options shared by the workers (through `FLEET_OPTIONS`) and the test's own fleet. */
export type FleetTuning = Partial<
  Pick<
    FleetOptions,
    'concurrency' | 'lockDurationMs' | 'stalledIntervalMs' | 'maxStalledCount' | 'redisTimeoutMs'
  >
> &
  Record<string, unknown>;

/**
 * Starts `workerCount` worker processes (pushed onto `workers` as they start, so the caller's cleanup reaches
 * them even when a later step fails), waits until each is ready, then creates the test's fleet.
 */
export async function startFleetRun(
  workers: WorkerProcess[],
  options: {
    readonly workerCount: number;
    readonly simulator: RunningSimulator;
    readonly redis: TestRedis;
    readonly prefix: string;
    readonly tuning: FleetTuning;
  },
): Promise<{ fleet: Fleet; events: FleetEvent[] }> {
  const { simulator, redis, prefix, tuning } = options;
  const env = {
    ...vendorEnv(simulator),
    REDIS_URL: redis.url,
    FLEET_PREFIX: prefix,
    FLEET_OPTIONS: JSON.stringify(tuning),
  };
  for (let index = 0; index < options.workerCount; index += 1) workers.push(spawnWorker(env));
  await Promise.all(workers.map((worker) => worker.waitFor((line) => line.event === 'ready', 30_000)));
  const events: FleetEvent[] = [];
  const fleet = unwrap(
    createFleet({
      ...tuning,
      connection: redis.url,
      prefix,
      factories,
      configs: vendorConfigs(simulator),
      onEvent: (event) => events.push(event),
    }),
    'create the fleet',
  );
  return { fleet, events };
}
