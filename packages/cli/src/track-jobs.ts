import {
  type AsyncJob,
  type AsyncJobError,
  createJobTracker,
  type JobRegistry,
  type JobStore,
  type JobTrackerOptions,
  type SettledJob,
  type TrackedJobState,
  type TrackerEvent,
  type TrackerStats,
} from '@asyncjob/core';
import { err, type ResultAsync } from 'neverthrow';
import type { CliIo } from './cli-io';
import type { Output } from './output';
import { createProgress, formatStateCounts, type ProgressOptions, type RefState } from './progress';

/** A job to track: a ref, or a job already in hand (a create's answer), with its operation label. */
export interface TrackTarget {
  readonly target: string | AsyncJob;
  /** The tracker learns durations per provider and operation. @default 'default' */
  readonly operation?: string;
}

/** Options of `trackJobs` and `startJobRun`. */
export interface TrackJobsOptions {
  /** Per-job deadline. */
  readonly timeoutMs: number;
  /** Tracker settings on top of the defaults (tests and the demo tighten the backoff). */
  readonly tracker?: Partial<JobTrackerOptions>;
  /** Where every tracked job and its outcome is recorded (`--store`). */
  readonly store?: JobStore;
  readonly progress?: ProgressOptions;
  /** Aborts the tracker: requests in flight and its timer stop. */
  readonly signal?: AbortSignal;
  /** Called once per job as it settles, in order. */
  readonly onSettled: (settled: SettledJob) => void;
  /** Every tracker event, after the progress counts are updated. */
  readonly onEvent?: (event: TrackerEvent) => void;
}

/** How a tracking run ended. */
export interface TrackJobsResult {
  readonly settled: readonly SettledJob[];
  /** The signal fired before every job settled. */
  readonly interrupted: boolean;
  /** Refs that were tracked and never settled here: cut short, or settled first by another process. */
  readonly unsettled: readonly string[];
  readonly stats: TrackerStats;
}

/** One tracking run: jobs are added, then `finish` waits for them. */
export interface JobRun {
  /** Tracks a ref or a job in hand; a target the registry refuses settles at once as an error. */
  track(target: TrackTarget): void;
  /** Creates a job and tracks it; with a store, the job is recorded before it is handed back. */
  trackCreated(
    create: ResultAsync<AsyncJob, AsyncJobError>,
    operation: string,
  ): ResultAsync<AsyncJob, AsyncJobError>;
  /** Continues every unsettled job of the store; `recorded` (their states as listed) seeds the progress. */
  resume(recorded: readonly TrackedJobState[]): ResultAsync<number, AsyncJobError>;
  /** Waits until every job has settled or the signal fires, then stops the progress. Call it once. */
  finish(): Promise<TrackJobsResult>;
}

/**
 * Starts a run of one `JobTracker`, showing the counts per status as progress. Settled jobs are handed to
 * `onSettled` as they come, so a caller can print each line at once.
 */
export function startJobRun(
  registry: JobRegistry,
  io: CliIo,
  output: Output,
  options: TrackJobsOptions,
): JobRun {
  const tracker = createJobTracker(registry, {
    timeoutMs: options.timeoutMs,
    ...options.tracker,
    ...(options.store ? { store: options.store } : {}),
  });
  const states = new Map<string, RefState>();
  const settled: SettledJob[] = [];
  const progress = createProgress(io, output, options.progress);
  const refresh = () => progress.update(formatStateCounts(states.values()));
  const settle = (entry: SettledJob) => {
    states.set(entry.ref, entry.result.isOk() ? entry.result.value.status : 'error');
    settled.push(entry);
    options.onSettled(entry);
  };
  const unsubscribe = tracker.subscribe((event) => {
    if (event.type === 'change') states.set(event.job.ref, event.job.status);
    if (event.type === 'settled') settle(event.settled);
    // The job goes on in memory; only its record is missing, which `resume` would need after a crash.
    if (event.type === 'store_error')
      output.message(`warning: ${event.ref} is not recorded: ${event.error.message}`);
    refresh();
    options.onEvent?.(event);
  });

  const abort = () => tracker.abort();
  options.signal?.addEventListener('abort', abort, { once: true });

  return {
    track: ({ target, operation }) => {
      const ref = typeof target === 'string' ? target : target.ref;
      if (states.has(ref)) return;
      states.set(ref, typeof target === 'string' ? 'checking' : target.status);
      const tracked = tracker.track(target, { operation: operation ?? 'default' });
      if (tracked.isErr()) {
        const provider = typeof target === 'string' ? (ref.split(':')[0] ?? '') : target.provider;
        settle({ ref, provider, operation: operation ?? 'default', result: err(tracked.error) });
      }
      refresh();
    },
    // The tracker announces a created job itself (a change, or a settle when it is already terminal).
    trackCreated: (create, operation) => tracker.trackCreated(create, { operation }),
    resume: (recorded) => {
      const seeded = recorded.map((state) => state.ref).filter((ref) => !states.has(ref));
      for (const state of recorded)
        if (!states.has(state.ref)) states.set(state.ref, state.status ?? 'checking');
      refresh();
      return tracker.resume().orTee(() => {
        for (const ref of seeded) states.delete(ref);
        refresh();
      });
    },
    finish: async () => {
      // A signal that fired before the run began stops it here, once its jobs are tracked (and reported unsettled).
      if (options.signal?.aborted) abort();
      const drained = await tracker.drain();
      options.signal?.removeEventListener('abort', abort);
      unsubscribe();
      progress.stop();
      // The tracker queues its store writes on promises; after an abort, `drain` does not wait for them. A
      // SqliteStore runs each write when it is called, so one turn of the event loop lands them all before the
      // caller closes the file.
      if (options.store) await new Promise((resolve) => setImmediate(resolve));
      const done = new Set(settled.map((entry) => entry.ref));
      return {
        settled,
        interrupted: drained.isErr(),
        unsettled: [...states.keys()].filter((ref) => !done.has(ref)),
        stats: tracker.stats(),
      };
    },
  };
}

/** Tracks every target with one `JobTracker` until all have settled (see `startJobRun`). */
export async function trackJobs(
  registry: JobRegistry,
  targets: readonly TrackTarget[],
  io: CliIo,
  output: Output,
  options: TrackJobsOptions,
): Promise<TrackJobsResult> {
  const run = startJobRun(registry, io, output, options);
  for (const target of targets) run.track(target);
  return run.finish();
}
