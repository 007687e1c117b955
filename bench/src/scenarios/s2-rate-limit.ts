import { setTimeout as sleep } from 'node:timers/promises';
import type { JobTruth, SimulatorOptions } from '@asyncjob/simulator';
import { createPollingRegistry, createSubmitClients, type SubmitClients } from '../clients';
import type { S2Config } from '../config';
import type { ContenderSpec } from '../contenders';
import type { Contender } from '../contenders/contender';
import { startRemoteSimulator } from '../simulator/remote-simulator';
import { settleWithin } from '../timing';
import { createJobLedger, type JobLedger, type JobRecord } from './job-ledger';
import { runInWorkers } from './run-in-workers';
import type { ContenderLabel } from './s1-mix';
import { warmUp } from './warm-up';
import type { PreparedRun } from './worker-protocol';

/** Everything one contender's S2 run produced (plain data: it crosses processes). */
export interface S2Run {
  readonly contender: ContenderLabel;
  readonly records: readonly JobRecord[];
  readonly truths: readonly JobTruth[];
  /** When the created jobs were handed to the contender (epoch ms); makespans count from here. */
  readonly handoverAt: number;
  /** How long creating the jobs took, within the limit (real ms). */
  readonly createMs: number;
  readonly createFailures: number;
  /** Requests the simulator answered after the hand-over, and how many of them were 429. */
  readonly serverRequests: number;
  readonly rateLimited: number;
}

/**
 * The simulator of S2, in real time: Revor tasks (queued about 1 s, then a log-normal run), no pacing, no retried
 * attempts (S1 has those; here they would only stretch the tail past the limit's share of the makespan), and a
 * per-key limit. Rate limits are measured uncompressed because Retry-After counts whole seconds.
 */
export function s2SimulatorOptions(config: S2Config): SimulatorOptions {
  return {
    seed: config.seed,
    timeScale: 1,
    revorPacing: false,
    rateLimits: {
      revor: { limit: config.limit, windowMs: config.windowMs },
      outx: null,
      oration: null,
      revkeen: null,
    },
    durations: {
      revor: {
        queued: { medianMs: 1_000 },
        run: { medianMs: config.runMedianMs },
        retryDelay: { medianMs: 30_000, sigma: 0.3 },
      },
    },
    outcomes: { revor: { retry: 0 } },
  };
}

/**
 * Creates the jobs one after another, never past the limit: when the vendor's `remaining` reaches zero it
 * waits a full window. The creates are the harness's, not the contender's, and use none of its budget.
 */
async function createWithinLimit(clients: SubmitClients, config: S2Config, ledger: JobLedger) {
  const jobs = [];
  let failures = 0;
  for (let position = 0; position < config.jobs; position += 1) {
    let remaining: number | undefined;
    const created = await clients.revor.dispatch(
      {
        channel: 'email',
        accountId: 'connect_account_k1_email',
        recipient: { address: `lead-${position}@example.com` },
        content: { subject: 'Following up', text: 'A short note.' },
      },
      {
        onResponse: (hints) => {
          remaining = hints.rateLimit?.remaining;
        },
      },
    );
    if (created.isOk()) {
      ledger.register(created.value, 'revor-task', position);
      jobs.push(created.value);
    } else {
      failures += 1;
    }
    if (remaining === 0) await sleep(config.windowMs);
  }
  return { jobs, failures };
}

/** Starts the contender's own simulator and warms it up; the run creates the jobs, then hands them over. */
export async function prepareS2Contender(
  config: S2Config,
  contender: Contender,
): Promise<PreparedRun<S2Run>> {
  const simulator = await startRemoteSimulator(s2SimulatorOptions(config));
  await warmUp(simulator);
  const ledger = createJobLedger();
  const registry = createPollingRegistry(simulator, 1, ledger.countLookup);
  const clients = createSubmitClients(simulator);

  const run = async (startedAt: number): Promise<S2Run> => {
    const waitMs = startedAt - Date.now();
    if (waitMs > 0) await sleep(waitMs);
    const { jobs, failures } = await createWithinLimit(clients, config, ledger);
    const createMs = Date.now() - startedAt;
    // A fresh window for the contender, and counts that are its own.
    await sleep(config.windowMs);
    await simulator.call('resetStats');
    const handoverAt = Date.now();
    const polling = contender.start({
      registry,
      timeScale: 1,
      simulator,
      seen: ledger.seen,
      failed: ledger.failed,
    });
    for (const job of jobs) polling.add(job, 'dispatch');
    await settleWithin(polling.settled(), config.capMs);
    ledger.close();
    polling.stop();
    const truths = await simulator.call('jobs');
    const stats = await simulator.call('stats');
    await simulator.close();
    return {
      contender: { name: contender.name, role: contender.role, description: contender.description },
      records: ledger.records(),
      truths,
      handoverAt,
      createMs,
      createFailures: failures,
      serverRequests: stats.byVendor.revor.requests,
      rateLimited: stats.byVendor.revor.rateLimited,
    };
  };
  return { run };
}

/** Runs every S2 contender at once, each in its own process against its own simulator. */
export async function runS2(config: S2Config, contenders: readonly ContenderSpec[]): Promise<S2Run[]> {
  return (await runInWorkers('s2', config, contenders)) as S2Run[];
}
