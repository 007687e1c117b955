// A fleet worker process, configured through the environment: what the package README shows, plus one JSON line
// on stdout per event so a test can follow it. Run: node --import tsx test/fleet/fleet-worker-main.ts

import { createFleet, type FleetEvent, type FleetOptions } from '@asyncjob/bullmq';
import { configFromEnv } from '@asyncjob/core';
import { orationFactory } from '@asyncjob/oration';
import { outxFactory } from '@asyncjob/outx';
import { revkeenFactory } from '@asyncjob/revkeen';
import { revorFactory } from '@asyncjob/revor';

function print(line: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

function describeEvent(event: FleetEvent): Record<string, unknown> | null {
  switch (event.type) {
    case 'settled':
      return {
        event: 'settled',
        ref: event.settled.ref,
        first: event.first,
        ok: event.settled.result.isOk(),
      };
    case 'redis_error':
      return {
        event: 'redis_error',
        source: event.source,
        kind: event.error.kind,
        retryable: event.error.retryable,
        message: event.error.message,
      };
    case 'rate_limited':
      return {
        event: 'rate_limited',
        provider: event.provider,
        pauseMs: event.pauseMs,
        reason: event.reason,
      };
    case 'stalled':
      return { event: 'stalled', provider: event.provider, jobId: event.jobId };
    case 'job_lost':
      return { event: 'job_lost', provider: event.provider, message: event.message };
    case 'job_failed':
      return { event: 'job_failed', provider: event.provider, message: event.message };
    default:
      return null;
  }
}

const configs = configFromEnv(process.env);
if (configs.isErr()) {
  print({ event: 'fatal', message: configs.error.message });
  process.exit(2);
}
const tuning = JSON.parse(process.env.FLEET_OPTIONS ?? '{}') as Partial<FleetOptions>;
const fleet = createFleet({
  ...tuning,
  connection: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  prefix: process.env.FLEET_PREFIX ?? 'asyncjob',
  factories: { revor: revorFactory, outx: outxFactory, oration: orationFactory, revkeen: revkeenFactory },
  configs: configs.value,
  onEvent: (event) => {
    const line = describeEvent(event);
    if (line) print(line);
  },
});
if (fleet.isErr()) {
  print({ event: 'fatal', message: fleet.error.message });
  process.exit(2);
}
const worker = await fleet.value.startWorker();
if (worker.isErr()) {
  print({ event: 'fatal', message: worker.error.message });
  process.exit(3);
}
print({ event: 'ready', providers: worker.value.providers });

process.once('SIGTERM', () => {
  void worker.value
    .close()
    .andThen(() => fleet.value.close())
    .then(() => {
      print({ event: 'stopped', stats: worker.value.stats() });
      process.exit(0);
    });
});
