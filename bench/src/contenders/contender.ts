import type { AsyncJob, JobRegistry } from '@asyncjob/core';
import { SIMULATED_VENDORS, type SimulatedVendor } from '@asyncjob/simulator';
import type { RemoteSimulator } from '../simulator/remote-simulator';

/** What a contender is given for one run. */
export interface ContenderContext {
  /** The four adapters against this run's simulator, their polling advice scaled by `timeScale`. */
  readonly registry: JobRegistry;
  /** Simulated time per real time: every interval a contender uses is multiplied by it. */
  readonly timeScale: number;
  /** Only the oracle may look at the simulator's truth. */
  readonly simulator: RemoteSimulator;
  /** Report a job's first terminal snapshot, the moment it is in hand. */
  readonly seen: (job: AsyncJob) => void;
  /** Report that the contender gave up on a job (an error ended its wait). */
  readonly failed: (ref: string, reason: string) => void;
}

/** One contender's run over a population of jobs handed to it as they are created. */
export interface ContenderRun {
  /** A job just created (its create response), with the operation label a caller would know. */
  add(job: AsyncJob, operation: string): void;
  /** Resolves once every job added so far has been seen finished or given up on. */
  settled(): Promise<void>;
  /** Stops every wait at once (the scenario's deadline passed). */
  stop(): void;
}

/** A way of waiting for many jobs. */
export interface Contender {
  /** Short name for tables, e.g. `tracker` or `fixed 5s`. */
  readonly name: string;
  /** One line on what it is and how it is configured. */
  readonly description: string;
  /** A peer's default configuration (its "defaults" row), our own product, or the measuring instruments. */
  readonly role: 'ours' | 'peer' | 'curve' | 'oracle';
  start(context: ContenderContext): ContenderRun;
}

/** Collects the promises of per-job waits: `settled` waits for all of them, including ones added later. */
export function createWaitGroup(): { add(wait: Promise<unknown>): void; settled(): Promise<void> } {
  const waits: Promise<unknown>[] = [];
  return {
    add: (wait) => {
      waits.push(wait.catch(() => undefined));
    },
    settled: async () => {
      let count = -1;
      while (count !== waits.length) {
        count = waits.length;
        await Promise.all(waits);
      }
    },
  };
}

/** The simulator's id of a job: RevKeen jobs are `automation/run` in a ref, the simulator knows the run. */
export function simulatorJobId(job: Pick<AsyncJob, 'provider' | 'id'>): string {
  return job.provider === 'revkeen' ? (job.id.split('/')[1] ?? job.id) : job.id;
}

/** The simulator's name of a job's vendor (the benchmark only creates jobs at the four simulated ones). */
export function simulatorVendor(job: Pick<AsyncJob, 'provider'>): SimulatedVendor {
  const vendor = SIMULATED_VENDORS.find((name) => name === job.provider);
  if (!vendor) throw new Error(`${job.provider} is not a simulated vendor`);
  return vendor;
}
