import {
  type AsyncJob,
  createJobTracker,
  type JobRegistry,
  type JobTrackerOptions,
  type SettledJob,
  type TrackerEvent,
  type TrackerStats,
} from '@asyncjob/core';
import { err } from 'neverthrow';
import type { CliIo } from './cli-io';
import type { Output } from './output';
import { createProgress, formatStateCounts, type ProgressOptions, type RefState } from './progress';

/** A job to track: a ref, or a job already in hand (a create's answer), with its operation label. */
export interface TrackTarget {
  readonly target: string | AsyncJob;
  /** The tracker learns durations per provider and operation. @default 'default' */
  readonly operation?: string;
}

/** Options of `trackJobs`. */
export interface TrackJobsOptions {
  /** Per-job deadline. */
  readonly timeoutMs: number;
  /** Tracker settings on top of the defaults (tests and the demo tighten the backoff). */
  readonly tracker?: Partial<JobTrackerOptions>;
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
  /** Refs that never settled (only when interrupted). */
  readonly unsettled: readonly string[];
  readonly stats: TrackerStats;
}

/**
 * Tracks every target with one `JobTracker` until all have settled, showing the counts per status as progress.
 * Settled jobs are handed to `onSettled` as they come, so a caller can print each line at once.
 */
export async function trackJobs(
  registry: JobRegistry,
  targets: readonly TrackTarget[],
  io: CliIo,
  output: Output,
  options: TrackJobsOptions,
): Promise<TrackJobsResult> {
  const tracker = createJobTracker(registry, { timeoutMs: options.timeoutMs, ...options.tracker });
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
    refresh();
    options.onEvent?.(event);
  });

  for (const { target, operation } of targets) {
    const ref = typeof target === 'string' ? target : target.ref;
    if (states.has(ref)) continue;
    states.set(ref, typeof target === 'string' ? 'checking' : target.status);
    const tracked = tracker.track(target, { operation: operation ?? 'default' });
    if (tracked.isErr()) {
      const provider = typeof target === 'string' ? (ref.split(':')[0] ?? '') : target.provider;
      settle({ ref, provider, operation: operation ?? 'default', result: err(tracked.error) });
    }
  }
  refresh();

  const abort = () => tracker.abort();
  if (options.signal?.aborted) abort();
  options.signal?.addEventListener('abort', abort, { once: true });
  const drained = await tracker.drain();
  options.signal?.removeEventListener('abort', abort);
  unsubscribe();
  progress.stop();

  const done = new Set(settled.map((entry) => entry.ref));
  return {
    settled,
    interrupted: drained.isErr(),
    unsettled: [...states.keys()].filter((ref) => !done.has(ref)),
    stats: tracker.stats(),
  };
}
