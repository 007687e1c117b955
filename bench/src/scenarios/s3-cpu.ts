import { setMaxListeners } from 'node:events';
import { createJobTracker, waitForJob } from '@asyncjob/core';
import type { SimulatorOptions } from '@asyncjob/simulator';
import { createPollingRegistry, createSubmitClients, pollingClient } from '../clients';
import type { S3Config } from '../config';
import { median, ratio, type Verdict, verdict } from '../metrics';
import { startRemoteSimulator } from '../simulator/remote-simulator';

/** The S3 target: at most this much client CPU per poll as a bare `fetch` + `JSON.parse` loop. */
export const S3_CPU_RATIO_TARGET = 1.3;

/** One way of polling, measured. */
export interface S3VariantResult {
  readonly name: string;
  readonly description: string;
  /** Client CPU (user + system) per poll, one value per round, in microseconds. */
  readonly microsPerPollRounds: readonly number[];
  readonly microsPerPoll: number;
  /** Against the raw loop; NaN for the raw loop itself. */
  readonly ratio: number;
  /** Only our pollers carry the target. */
  readonly verdict: Verdict | null;
}

/** Jobs that stay `running` for hours on a vendor without limits: every poll is a full, unchanged answer. */
function s3SimulatorOptions(): SimulatorOptions {
  return {
    seed: 1,
    revorPacing: false,
    rateLimits: { revor: null, outx: null, oration: null, revkeen: null },
    durations: { revor: { queued: 0, run: 36_000_000, retryDelay: 0 } },
    outcomes: { revor: { failed: 0, cancelled: 0, retry: 0, skipped: 0 } },
  };
}

/** Runs `polls` polls with `concurrency` in flight and returns the client CPU they took, in microseconds. */
type PollLoop = (polls: number) => Promise<number>;

async function cpuOf(work: () => Promise<void>): Promise<number> {
  const before = process.cpuUsage();
  await work();
  const used = process.cpuUsage(before);
  return used.user + used.system;
}

/** `concurrency` workers sharing `polls` calls of `poll`. */
function workers(concurrency: number, poll: (worker: number) => Promise<unknown>): PollLoop {
  return (polls) =>
    cpuOf(async () => {
      let left = polls;
      await Promise.all(
        Array.from({ length: concurrency }, async (_, worker) => {
          while (left > 0) {
            left -= 1;
            await poll(worker);
          }
        }),
      );
    });
}

/**
 * S3: client CPU per poll of each way of polling, against a bare `fetch` + `JSON.parse` loop on the same server
 * and the same jobs. The simulator runs in its own process, so only the client's CPU is counted. Each variant is
 * warmed up with one round first, then measured `rounds` times; the median round is reported.
 */
export async function runS3(config: S3Config): Promise<S3VariantResult[]> {
  const simulator = await startRemoteSimulator(s3SimulatorOptions());
  try {
    const clients = createSubmitClients(simulator);
    const jobIds: string[] = [];
    for (let index = 0; index < config.concurrency; index += 1) {
      const created = await clients.revor.dispatch({
        channel: 'email',
        accountId: 'connect_account_k1_email',
        recipient: { address: `cpu-${index}@example.com` },
        content: { subject: 'CPU', text: 'A long-running task.' },
      });
      if (created.isErr()) throw new Error(`S3 could not create a job: ${created.error.message}`);
      jobIds.push(created.value.id);
    }
    const idOf = (worker: number) => jobIds[worker % jobIds.length] as string;
    const apiKey = simulator.keys.revor[0] ?? '';
    const registry = createPollingRegistry(simulator, 1);
    const client = pollingClient(registry, 'revor');

    const raw = workers(config.concurrency, async (worker) => {
      const response = await fetch(`${simulator.baseUrls.revor}/outreach/jobs/${idOf(worker)}`, {
        headers: { authorization: `Bearer ${apiKey}` },
      });
      JSON.parse(await response.text());
    });
    const adapter = workers(config.concurrency, async (worker) => client.get(idOf(worker)));
    const poller: PollLoop = (polls) =>
      cpuOf(async () => {
        const controller = new AbortController();
        // One listener per wait on this signal is expected.
        setMaxListeners(0, controller.signal);
        let left = polls;
        const onUpdate = () => {
          left -= 1;
          if (left <= 0) controller.abort();
        };
        await Promise.all(
          jobIds.map((id) =>
            waitForJob(client, id, {
              minDelayMs: 0,
              maxDelayMs: 0,
              initialDelayMs: 0,
              timeoutMs: Number.POSITIVE_INFINITY,
              signal: controller.signal,
              onUpdate,
            }),
          ),
        );
      });
    const tracker: PollLoop = (polls) =>
      cpuOf(
        () =>
          new Promise<void>((resolve) => {
            let left = polls;
            const counted = createPollingRegistry(simulator, 1, () => {
              left -= 1;
              if (left === 0) {
                instance.abort();
                resolve();
              }
            });
            const instance = createJobTracker(counted, {
              backoff: { minDelayMs: 0, maxDelayMs: 0, initialDelayMs: 0 },
              rateLimits: { revor: { limit: 1_000_000, windowMs: 1_000 } },
              maxInFlight: config.concurrency,
            });
            for (const id of jobIds) instance.track(`revor:${id}`);
          }),
      );

    const variants: { name: string; description: string; loop: PollLoop; ours: boolean }[] = [
      { name: 'raw fetch', description: 'fetch + JSON.parse, nothing else', loop: raw, ours: false },
      {
        name: 'adapter get',
        description: 'createRevor().get: ky, hints, zod, the AsyncJob',
        loop: adapter,
        ours: false,
      },
      {
        name: 'waitForJob',
        description: 'waitForJob with zero delays (the poller per poll)',
        loop: poller,
        ours: true,
      },
      {
        name: 'tracker',
        description: 'JobTracker with zero delays and no budget (the scheduler per poll)',
        loop: tracker,
        ours: true,
      },
    ];
    // A full round each first: V8 compiles the hot paths, undici fills its connection pool.
    for (const variant of variants) await variant.loop(config.polls);
    // Rounds go round-robin over the variants, so a change in the machine's load touches all of them alike.
    const measured = variants.map((variant) => ({ ...variant, rounds: [] as number[] }));
    for (let round = 0; round < config.rounds; round += 1) {
      for (const variant of measured) variant.rounds.push((await variant.loop(config.polls)) / config.polls);
    }
    const rawMicros = median(measured[0]?.rounds ?? []);
    return measured.map((variant) => {
      const micros = median(variant.rounds);
      const value = variant.name === 'raw fetch' ? Number.NaN : ratio(micros, rawMicros);
      return {
        name: variant.name,
        description: variant.description,
        microsPerPollRounds: variant.rounds,
        microsPerPoll: micros,
        ratio: value,
        verdict: variant.ours ? verdict(value, S3_CPU_RATIO_TARGET) : null,
      };
    });
  } finally {
    await simulator.close();
  }
}
