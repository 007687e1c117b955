import { setTimeout as sleep } from 'node:timers/promises';
import type { JobTruth, SimulatorOptions } from '@asyncjob/simulator';
import { createPollingRegistry, createSubmitClients } from '../clients';
import type { S1Config } from '../config';
import type { ContenderSpec } from '../contenders';
import type { Contender } from '../contenders/contender';
import { startRemoteSimulator } from '../simulator/remote-simulator';
import { settleWithin } from '../timing';
import { createJobLedger, type JobRecord } from './job-ledger';
import { runInWorkers } from './run-in-workers';
import { buildS1Population, S1_OPERATIONS } from './s1-population';
import { findAutomations, submitArrival } from './s1-submit';
import { warmUp } from './warm-up';
import type { PreparedRun } from './worker-protocol';

/** A contender's name and kind, as results carry them. */
export interface ContenderLabel {
  readonly name: string;
  readonly role: Contender['role'];
  readonly description: string;
}

/** Everything one contender's S1 run produced, before any statistics (plain data: it crosses processes). */
export interface S1Run {
  readonly contender: ContenderLabel;
  readonly records: readonly JobRecord[];
  /** The simulator's truth of every job at the end of the run. */
  readonly truths: readonly JobTruth[];
  /** Lookups the simulator answered (every GET), to check the client-side count. */
  readonly serverLookups: number;
  readonly rateLimited: number;
  readonly createFailures: number;
  /** The latest a create went out after its planned time (real ms): how far the harness fell behind. */
  readonly maxCreateLateMs: number;
  readonly wallMs: number;
}

/**
 * The simulator of S1: every duration set here (not left to the simulator's defaults) and scaled by
 * `timeScale`. Rate limits are off: Retry-After counts whole seconds, which compressed time would stretch;
 * S2 measures limits in real time.
 */
export function s1SimulatorOptions(config: S1Config): SimulatorOptions {
  const plain = { queued: { medianMs: 200 }, run: { medianMs: 1_000, sigma: 1 } };
  return {
    seed: config.seed,
    timeScale: config.timeScale,
    revorPacing: true,
    rateLimits: { revor: null, outx: null, oration: null, revkeen: null },
    durations: {
      revor: {
        queued: { medianMs: 1_000 },
        run: { medianMs: 6_000 },
        retryDelay: { medianMs: 30_000, sigma: 0.3 },
      },
      outx: { queued: { medianMs: 8_000, sigma: 0.6 }, run: { medianMs: 12_000 }, retryDelay: 0 },
      oration: { ...plain, retryDelay: { medianMs: 5_000, sigma: 0.3 } },
      revkeen: { ...plain, retryDelay: 0 },
    },
  };
}

/** Starts the contender's own simulator (the scenario's seed), warms it up and builds the clients. */
export async function prepareS1Contender(
  config: S1Config,
  contender: Contender,
): Promise<PreparedRun<S1Run>> {
  const scale = config.timeScale;
  const arrivals = buildS1Population(config.population, config.seed);
  const simulator = await startRemoteSimulator(s1SimulatorOptions(config));
  await warmUp(simulator);
  const ledger = createJobLedger();
  const registry = createPollingRegistry(simulator, scale, ledger.countLookup);
  const clients = createSubmitClients(simulator);
  const automations = findAutomations(simulator);
  const outxKey = simulator.keys.outx[0] ?? '';

  const run = async (startedAt: number): Promise<S1Run> => {
    const at = (vendorMs: number) => startedAt + vendorMs * scale;
    const waitUntil = async (time: number) => {
      const waitMs = time - Date.now();
      if (waitMs > 0) await sleep(waitMs);
    };
    await waitUntil(startedAt);
    const polling = contender.start({
      registry,
      timeScale: scale,
      simulator,
      seen: ledger.seen,
      failed: ledger.failed,
    });
    const extensionTimers = [
      setTimeout(
        () => void simulator.call('setExtensionRunning', outxKey, false),
        config.extensionClosedFromMs * scale,
      ),
      setTimeout(
        () => void simulator.call('setExtensionRunning', outxKey, true),
        config.extensionClosedUntilMs * scale,
      ),
    ];

    let createFailures = 0;
    let maxCreateLateMs = 0;
    for (const [position, arrival] of arrivals.entries()) {
      await waitUntil(at(arrival.atMs));
      maxCreateLateMs = Math.max(maxCreateLateMs, Date.now() - at(arrival.atMs));
      const created = await submitArrival(clients, automations, arrival, config.population.revorGapSeconds);
      if (created.isErr()) {
        createFailures += 1;
        continue;
      }
      const job = created.value;
      ledger.register(job, arrival.kind, position);
      if (arrival.approvalDelayMs !== undefined) {
        const runId = job.id.split('/')[1] ?? job.id;
        await simulator.call('approveAfter', runId, arrival.approvalDelayMs * scale);
      }
      polling.add(job, S1_OPERATIONS[arrival.kind]);
    }

    await settleWithin(polling.settled(), config.graceMs * scale);
    ledger.close();
    polling.stop();
    const wallMs = Date.now() - startedAt;
    for (const timer of extensionTimers) clearTimeout(timer);

    const truths = await simulator.call('jobs');
    const stats = await simulator.call('stats');
    await simulator.close();
    const serverLookups = Object.values(stats.byVendor)
      .flatMap((vendor) => Object.entries(vendor.byEndpoint))
      .filter(([endpoint]) => endpoint.startsWith('GET '))
      .reduce((sum, [, count]) => sum + count, 0);
    return {
      contender: { name: contender.name, role: contender.role, description: contender.description },
      records: ledger.records(),
      truths,
      serverLookups,
      rateLimited: Object.values(stats.byVendor).reduce((sum, vendor) => sum + vendor.rateLimited, 0),
      createFailures,
      maxCreateLateMs,
      wallMs,
    };
  };
  return { run };
}

/**
 * Runs every contender over the S1 population at the same moment, each in its own process against its own
 * simulator started with the scenario's seed.
 */
export async function runS1(config: S1Config, contenders: readonly ContenderSpec[]): Promise<S1Run[]> {
  return (await runInWorkers('s1', config, contenders)) as S1Run[];
}
