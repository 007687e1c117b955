import type { PlannedOutcome } from './job-plan';
import type { SimulatedVendor } from './simulated-vendor';

/**
 * What really happened to a simulated job, for tests and benchmarks (e.g. detection delay = when a poller saw the
 * terminal state minus `finishedAtMs`). Times are epoch milliseconds of the simulator clock.
 */
export interface JobTruth {
  readonly vendor: SimulatedVendor;
  /** The vendor's id (Revor job, OutX task, Oration job, RevKeen run). */
  readonly id: string;
  /** The API key that created the job. */
  readonly apiKey: string;
  /** The owning tenant: the key, or the Oration workspace id. */
  readonly tenant: string;
  /** The vendor's status word right now (without injected drift). */
  readonly status: string;
  readonly terminal: boolean;
  /** How it ended, once terminal. An OutX task that completed with `sent: false` counts as `failed`. */
  readonly outcome: PlannedOutcome | null;
  /** How it will end if nothing intervenes (an approval or the OutX extension can change that). */
  readonly plannedOutcome: PlannedOutcome;
  readonly createdAtMs: number;
  /** When it reached its terminal state; null while it has not. */
  readonly finishedAtMs: number | null;
  /** When it will finish, if known; null when it waits on a person or on the OutX extension. */
  readonly expectedFinishAtMs: number | null;
}
