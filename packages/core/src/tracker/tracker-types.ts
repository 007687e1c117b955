import type { Result } from 'neverthrow';
import type { AsyncJob, JobStatus, ProviderName } from '../async-job';
import type { AsyncJobError } from '../async-job-error';
import type { BackoffOptions } from '../next-delay';
import type { JobStore } from '../store/job-store';
import type { AdaptiveOptions } from './duration-learner';
import type { RateBudget } from './token-bucket';

/** How one tracked job ended: its terminal snapshot, or the error that ended tracking it. */
export interface SettledJob {
  readonly ref: string;
  readonly provider: ProviderName;
  /** The operation label given to `track`, used to learn durations per operation. */
  readonly operation: string;
  readonly result: Result<AsyncJob, AsyncJobError>;
}

/** Everything a tracker reports, in order, to `subscribe` listeners. */
export type TrackerEvent =
  | { readonly type: 'change'; readonly job: AsyncJob; readonly previous: JobStatus | null }
  | { readonly type: 'unknown_status'; readonly job: AsyncJob }
  | { readonly type: 'retry'; readonly ref: string; readonly error: AsyncJobError }
  | { readonly type: 'settled'; readonly settled: SettledJob }
  /** The store refused a write; the job goes on in memory and nothing is dropped. */
  | { readonly type: 'store_error'; readonly ref: string; readonly error: AsyncJobError };

/** Options of one tracked job. */
export interface TrackOptions {
  /** A label such as `dispatch` or `fetch-profile`: durations are learned per provider and operation. */
  readonly operation?: string;
  /** Stop tracking after this long. @default the tracker's `timeoutMs` */
  readonly timeoutMs?: number;
  readonly deadline?: Date | number;
}

/** The clock and timer the tracker runs on; tests pass fakes. */
export interface TrackerClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Options of `createJobTracker`. */
export interface JobTrackerOptions {
  /** Starting budgets per provider until the vendor's headers tell the real ones. @default 10 per second */
  readonly rateLimits?: Readonly<Record<string, RateBudget>>;
  /** Requests in flight at once, across providers. @default 16 */
  readonly maxInFlight?: number;
  /** Per-job deadline. `Infinity` for none. @default 24 hours */
  readonly timeoutMs?: number;
  /** Backoff bounds for every job (each provider's advice fills what is left out). */
  readonly backoff?: Partial<BackoffOptions>;
  /** The learned schedule, or `false` for the plain backoff. */
  readonly adaptive?: Partial<AdaptiveOptions> | false;
  /** Durations learned earlier (a snapshot's `learned`), to start warm. */
  readonly learned?: Readonly<Record<string, readonly number[]>>;
  readonly clock?: TrackerClock;
  /**
   * Where tracked jobs are recorded: each job before its first check, each status change, and each outcome
   * before its settle handlers run. `resume()` continues the unsettled ones after a restart.
   */
  readonly store?: JobStore;
  /** @default Math.random */
  readonly random?: () => number;
  readonly onChange?: (job: AsyncJob, previous: JobStatus | null) => void;
  readonly onSettled?: (settled: SettledJob) => void;
}

/** Counters for monitoring and benchmarks. */
export interface TrackerStats {
  readonly tracked: number;
  readonly inFlight: number;
  readonly requests: number;
  readonly rateLimited: number;
  readonly settled: number;
  readonly budgets: Readonly<Record<string, RateBudget>>;
}

/** The outcome of `drain`: how many jobs ended in each way. */
export interface DrainSummary {
  readonly succeeded: number;
  readonly failed: number;
  readonly cancelled: number;
  readonly errors: number;
}
