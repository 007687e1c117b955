import type { JobRegistry, JobTrackerOptions } from '@asyncjob/core';
import type { SqliteStore } from '@asyncjob/store-sqlite';
import type { CliIo } from '../cli-io';
import { type ExitCode, exitCodeForOutcomes, type Outcome } from '../exit-code';
import { finishWait, resumeHint } from '../finish-wait';
import { reportStoreError, withJobStore } from '../job-store-file';
import { openRegistry } from '../open-registry';
import { createOutput, type Output } from '../output';
import { reportRecorded } from '../recorded-outcome';
import { withConfigHint } from '../registry';
import { type ReportFormat, reportError, reportSettled } from '../report';
import { startJobRun } from '../track-jobs';
import { trackerStore } from '../tracker-store';

/** Options of `asyncjob wait`. */
export interface WaitCommandOptions extends ReportFormat {
  readonly refs: readonly string[];
  /** Per-job deadline. */
  readonly timeoutMs: number;
  readonly config?: string;
  /** `--store <file>`: the SQLite file every ref and its outcome is recorded in (created when missing). */
  readonly store?: string;
}

/** What tests and embedders may tune beyond the flags. */
export interface WaitSettings {
  /** Tracker settings, e.g. a tighter backoff. */
  readonly tracker?: Partial<JobTrackerOptions>;
  /** How often a plain progress line is printed when stderr is not a terminal. @default 5000 */
  readonly progressIntervalMs?: number;
}

/**
 * `asyncjob wait <ref>...`: polls every ref with one tracker until each has settled, printing each job's line as
 * it settles. Every ref is checked before any request: a bad one is a usage error and nothing is polled. With
 * `--store`, each ref is recorded before its first check and each outcome before it is printed; a ref the file
 * already holds an outcome for is printed from it, without a request.
 */
export async function waitCommand(
  options: WaitCommandOptions,
  io: CliIo,
  settings: WaitSettings = {},
): Promise<ExitCode> {
  const output = createOutput(io);
  const registry = openRegistry(io.env, output, options.config);
  if (registry.isErr())
    return exitCodeForOutcomes([reportError(output, null, registry.error, { json: false })], 'wait');

  const refs = [...new Set(options.refs)];
  const refErrors: Outcome[] = [];
  for (const ref of refs) {
    const resolved = registry.value.resolve(ref);
    if (resolved.isErr()) refErrors.push(reportError(output, ref, withConfigHint(resolved.error), options));
  }
  if (refErrors.length > 0) return exitCodeForOutcomes(refErrors, 'wait');

  const { store } = options;
  if (store === undefined) return waitForRefs(registry.value, refs, null, options, io, output, settings);
  return withJobStore(store, { create: true }, output, (opened) =>
    waitForRefs(registry.value, refs, opened, options, io, output, settings),
  );
}

async function waitForRefs(
  registry: JobRegistry,
  refs: readonly string[],
  store: SqliteStore | null,
  options: WaitCommandOptions,
  io: CliIo,
  output: Output,
  settings: WaitSettings,
): Promise<ExitCode> {
  const outcomes: Outcome[] = [];
  let pending = refs;
  if (store) {
    // The tracker would record nothing new for these (a settled record is final) and print nothing.
    const recorded = await store.list();
    if (recorded.isErr()) return reportStoreError(output, recorded.error);
    const wanted = new Set(refs);
    const settledBefore = recorded.value.filter((job) => job.outcome !== null && wanted.has(job.state.ref));
    outcomes.push(...reportRecorded(output, settledBefore, options, `settled earlier in ${store.path}`));
    // Printing is what the command does with an outcome: one the recording process never printed now has been.
    for (const job of settledBefore) {
      if (job.handledAt !== null) continue;
      const marked = await store.markHandled(job.state.ref, Date.now());
      if (marked.isErr()) output.message(`warning: ${marked.error.message}`);
    }
    const skipped = new Set(settledBefore.map((job) => job.state.ref));
    pending = refs.filter((ref) => !skipped.has(ref));
  }

  const startedAt = Date.now();
  const run = startJobRun(registry, io, output, {
    timeoutMs: options.timeoutMs,
    tracker: settings.tracker,
    store: store ? trackerStore(store) : undefined,
    progress: { label: 'waiting', intervalMs: settings.progressIntervalMs },
    signal: io.signal,
    onSettled: (settled) => outcomes.push(reportSettled(output, settled, options)),
  });
  for (const ref of pending) run.track({ target: ref, operation: 'wait' });
  const finished = await run.finish();
  return finishWait(output, {
    run: finished,
    outcomes,
    startedAt,
    format: options,
    store,
    interruptedLines: () => [
      `interrupted: ${finished.unsettled.length} not finished: ${finished.unsettled.join(' ')}`,
      ...(store ? [resumeHint(store.path)] : []),
    ],
  });
}
