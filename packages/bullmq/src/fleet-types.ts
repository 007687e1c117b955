import type {
  AsyncJob,
  AsyncJobError,
  BackoffOptions,
  JobRegistry,
  ProviderFactories,
  ProviderName,
  RateBudget,
  SettledJob,
  TrackOptions,
} from '@asyncjob/core';
import type { RedisOptions } from 'ioredis';
import type { ResultAsync } from 'neverthrow';

/** Where Redis is: a `redis://` / `rediss://` URL, or ioredis options (host, port, password, tls…). */
export type FleetConnection = string | RedisOptions;

/** Options of `createFleet`. Producers (that track) and workers (that check) use the same options. */
export interface FleetOptions {
  /** The Redis server every process of the fleet shares. */
  readonly connection: FleetConnection;
  /** The vendor clients. Give a registry, or the adapters' factories and one config per provider. */
  readonly registry?: JobRegistry;
  readonly factories?: ProviderFactories;
  readonly configs?: readonly unknown[];
  /** Namespaces every Redis key of the fleet; fleets with different vendor keys need different prefixes. @default 'asyncjob' */
  readonly prefix?: string;
  /** How long a settled ref's outcome is kept in Redis (and in the settled stream). @default 86400000 (24 hours) */
  readonly outcomeTtlMs?: number;
  /** Checks in flight at once per provider, in each worker process. @default 8 */
  readonly concurrency?: number;
  /**
   * Request budgets per provider, enforced by BullMQ's rate limiter across every worker of the fleet. Leave room
   * below the vendor's own limit. Without one, a provider is paused only when the vendor says so (429, rate headers).
   */
  readonly rateLimits?: Readonly<Record<string, RateBudget>>;
  /** Backoff bounds for every job; each provider's polling advice fills what is left out. */
  readonly backoff?: Partial<BackoffOptions>;
  /** Per-job deadline. `Infinity` for none. @default 86400000 (24 hours) */
  readonly timeoutMs?: number;
  /** How long a worker holds a job it is checking before another worker may take it over. @default 30000 */
  readonly lockDurationMs?: number;
  /** How often workers look for jobs whose worker died (BullMQ's stalled check). @default 30000 */
  readonly stalledIntervalMs?: number;
  /** How many times one job may be recovered from a dead worker before BullMQ fails it. @default 1000 */
  readonly maxStalledCount?: number;
  /** How long a Redis operation is retried (with backoff) before its error is returned. @default 30000 */
  readonly redisTimeoutMs?: number;
  /** Called with every fleet event of this process (Redis errors, rate-limit pauses, settles…). */
  readonly onEvent?: (event: FleetEvent) => void;
  /** @default Date.now */
  readonly now?: () => number;
  /** @default Math.random */
  readonly random?: () => number;
}

/** A settled job as the fleet reports it: core's `SettledJob` plus when it was tracked and settled. */
export interface FleetSettledJob extends SettledJob {
  readonly trackedAt: Date;
  readonly settledAt: Date;
  /** Vendor requests spent on this job. */
  readonly checks: number;
}

/** What `track` did. Dedup is guaranteed by the job id; the status is what this call observed. */
export interface FleetTrackReceipt {
  readonly ref: string;
  /** The BullMQ job id (the ref, percent-encoded). */
  readonly jobId: string;
  readonly provider: ProviderName;
  readonly status: 'tracked' | 'already_tracked' | 'already_settled' | 'settled';
}

/** How many jobs a provider's queue holds in each BullMQ state. */
export interface FleetQueueCounts {
  readonly waiting: number;
  readonly delayed: number;
  readonly active: number;
  readonly prioritized: number;
  readonly completed: number;
  readonly failed: number;
}

/** Where a Redis error happened. */
export type FleetErrorSource = 'track' | 'outcome' | 'counts' | 'settled' | 'worker' | 'close' | 'connection';

/** Everything a fleet reports to `onEvent` and `subscribe` listeners, in this process. */
export type FleetEvent =
  /** Redis failed; the operation is retried with backoff (`error.kind` is `network` while Redis is away). */
  | { readonly type: 'redis_error'; readonly source: FleetErrorSource; readonly error: AsyncJobError }
  /** Every worker of a provider stops checking for `pauseMs` (BullMQ's manual rate limit). */
  | {
      readonly type: 'rate_limited';
      readonly provider: ProviderName;
      readonly pauseMs: number;
      readonly reason: 'http_429' | 'window_exhausted';
    }
  /** A check failed with a retryable vendor error; the job is checked again later. */
  | { readonly type: 'retry'; readonly ref: string; readonly error: AsyncJobError }
  /** A check found a job not finished yet; the next check is in `delayMs`. */
  | {
      readonly type: 'checked';
      readonly ref: string;
      readonly job: AsyncJob;
      readonly delayMs: number;
    }
  /** This process settled a ref; `first` is false when another process had already settled it. */
  | { readonly type: 'settled'; readonly settled: FleetSettledJob; readonly first: boolean }
  /**
   * A worker lost hold of a job it was checking (its lock lapsed, e.g. while Redis was away): another worker has
   * it, and the outcome is still recorded once.
   */
  | { readonly type: 'job_lost'; readonly provider: ProviderName; readonly message: string }
  /** A job whose worker died was handed back to the queue. */
  | { readonly type: 'stalled'; readonly provider: ProviderName; readonly jobId: string }
  /** BullMQ failed a job (it is retried with backoff until its attempts run out). */
  | {
      readonly type: 'job_failed';
      readonly provider: ProviderName;
      readonly jobId: string;
      readonly message: string;
    }
  /** A settle handler threw; the outcome stays delivered (it is not handed out again). */
  | { readonly type: 'handler_error'; readonly ref: string; readonly cause: unknown };

/** Options of `settled()` and `onSettled()`. */
export interface SettledOptions {
  /**
   * The Redis consumer group: each outcome goes to one consumer of the group. Two applications that each want
   * every outcome use two groups. @default 'default'
   */
  readonly group?: string;
  /** This consumer's name in the group. @default a random id */
  readonly consumer?: string;
  /** Outcomes read per round trip. @default 50 */
  readonly batchSize?: number;
  /** How long one read waits for new outcomes. @default 2000 */
  readonly blockMs?: number;
  /** An outcome handed to a consumer that died is handed to another after this long. @default 60000 */
  readonly claimIdleMs?: number;
  /** Stops reading. */
  readonly signal?: AbortSignal;
}

/** Options of `startWorker`. */
export interface FleetWorkerOptions {
  /** The providers this worker checks. @default every provider of the registry */
  readonly providers?: readonly ProviderName[];
  /** Overrides the fleet's `concurrency` for this worker. */
  readonly concurrency?: number;
  /** How long to wait for Redis before giving up with a `network` error. @default 30000 */
  readonly connectTimeoutMs?: number;
}

/** Counters of one worker process. */
export interface FleetWorkerStats {
  /** Vendor requests made. */
  readonly checks: number;
  /** Refs this worker settled first. */
  readonly settled: number;
  /** Settles that found the ref already settled (a job re-delivered after a crash). */
  readonly duplicates: number;
  /** 429s and exhausted rate windows that paused a provider. */
  readonly rateLimited: number;
  readonly redisErrors: number;
}

/** A running worker: BullMQ workers on each provider's queue, checking jobs until closed. */
export interface FleetWorker {
  readonly id: string;
  readonly providers: readonly ProviderName[];
  stats(): FleetWorkerStats;
  /**
   * Stops taking jobs, lets the checks in flight finish (up to `timeoutMs`, then drops them: their jobs go back
   * to the queue when their lock expires) and closes its Redis connections.
   */
  close(options?: { readonly timeoutMs?: number }): ResultAsync<void, AsyncJobError>;
}

/** Tracking spread over many processes through BullMQ and Redis. */
export interface Fleet {
  readonly prefix: string;
  readonly providers: readonly ProviderName[];
  /**
   * Tracks a ref, or a job already in hand (a create's response: a terminal one settles at once, a scheduled one
   * is not checked before its time). A ref is tracked once however many processes track it.
   */
  track(target: string | AsyncJob, options?: TrackOptions): ResultAsync<FleetTrackReceipt, AsyncJobError>;
  /** A settled ref's outcome while it is kept (`outcomeTtlMs`); null when unknown or expired. */
  outcome(ref: string): ResultAsync<FleetSettledJob | null, AsyncJobError>;
  /**
   * Settled jobs as they come, each ref once per consumer group; never ends on its own (break out of the loop,
   * abort the signal or close the fleet). An outcome counts as delivered when the loop asks for the next one.
   */
  settled(options?: SettledOptions): AsyncGenerator<FleetSettledJob, void, undefined>;
  /** Calls `handler` with each settled job (each ref once per consumer group); returns the function that stops it. */
  onSettled(
    handler: (settled: FleetSettledJob) => void | Promise<void>,
    options?: Omit<SettledOptions, 'signal'>,
  ): () => void;
  /** Starts checking jobs in this process. */
  startWorker(options?: FleetWorkerOptions): ResultAsync<FleetWorker, AsyncJobError>;
  /** Jobs per provider queue and state. */
  counts(): ResultAsync<Readonly<Record<ProviderName, FleetQueueCounts>>, AsyncJobError>;
  /** Listens to every event of this process; returns the function that stops listening. */
  subscribe(listener: (event: FleetEvent) => void): () => void;
  /** Closes the workers started here, the settled readers and every Redis connection. */
  close(): ResultAsync<void, AsyncJobError>;
}
