import type { CliIo } from '../cli-io';
import { EXIT_CODES, type ExitCode, exitCodeOf, type Outcome } from '../exit-code';
import { finishWait, resumeHint } from '../finish-wait';
import { reportStoreError, withJobStore } from '../job-store-file';
import { openRegistry } from '../open-registry';
import { createOutput } from '../output';
import { withConfigHint } from '../registry';
import { type ReportFormat, reportError, reportSettled } from '../report';
import { startJobRun } from '../track-jobs';
import { trackerStore } from '../tracker-store';
import type { WaitSettings } from './wait';

/** Options of `asyncjob resume`. */
export interface ResumeCommandOptions extends ReportFormat {
  /** `--store <file>`: the SQLite file `wait --store` or `submit --wait --store` recorded jobs in. */
  readonly store: string;
  /** The deadline of every resumed job, counted from now. */
  readonly timeoutMs: number;
  readonly config?: string;
}

/**
 * `asyncjob resume --store <file>`: continues every job the file holds unsettled (a wait that was interrupted,
 * timed out or crashed) with one tracker, printing each as it settles; exit codes as `wait`, 0 when nothing was
 * unsettled. Every resumed job gets a fresh deadline of `--timeout`.
 */
export async function resumeCommand(
  options: ResumeCommandOptions,
  io: CliIo,
  settings: WaitSettings = {},
): Promise<ExitCode> {
  const output = createOutput(io);
  const registry = openRegistry(io.env, output, options.config);
  if (registry.isErr()) return exitCodeOf(reportError(output, null, registry.error, { json: false }), 'wait');

  return withJobStore(options.store, { create: false }, output, async (store) => {
    const pending = await store.listUnsettled();
    if (pending.isErr()) return reportStoreError(output, pending.error);
    // Outcomes recorded by a process that stopped before printing them: `tracker.resume()` hands them over first.
    const unreported = await store.listUnhandled();
    if (unreported.isErr()) return reportStoreError(output, unreported.error);
    if (pending.value.length === 0 && unreported.value.length === 0) {
      output.message(`nothing to resume: every job in ${store.path} has settled`);
      return EXIT_CODES.ok;
    }
    output.message(describeResume(pending.value.length, unreported.value.length, store.path));

    const startedAt = Date.now();
    const outcomes: Outcome[] = [];
    const run = startJobRun(registry.value, io, output, {
      timeoutMs: options.timeoutMs,
      tracker: settings.tracker,
      store: trackerStore(store, { deadline: startedAt + options.timeoutMs }),
      progress: { label: 'waiting', intervalMs: settings.progressIntervalMs },
      signal: io.signal,
      onSettled: (settled) => outcomes.push(reportSettled(output, settled, options)),
    });
    // Every recorded ref is resolved before any request: one the config cannot serve stops the resume.
    const resumed = await run.resume(pending.value.map((job) => job.state));
    if (resumed.isErr()) {
      await run.finish();
      return exitCodeOf(reportError(output, null, withConfigHint(resumed.error), { json: false }), 'wait');
    }
    const finished = await run.finish();
    return finishWait(output, {
      run: finished,
      outcomes,
      startedAt,
      format: options,
      store,
      interruptedLines: () => [
        `interrupted: ${finished.unsettled.length} not finished: ${finished.unsettled.join(' ')}`,
        resumeHint(store.path),
      ],
    });
  });
}

/** `resuming 2 unsettled jobs from jobs.db (and 1 outcome recorded there but never printed)`. */
function describeResume(unsettled: number, unreported: number, path: string): string {
  const jobs = `${unsettled} unsettled ${unsettled === 1 ? 'job' : 'jobs'}`;
  if (unreported === 0) return `resuming ${jobs} from ${path}`;
  const outcomes = `${unreported} ${unreported === 1 ? 'outcome' : 'outcomes'} recorded there but never printed`;
  return `resuming ${jobs} from ${path} (and ${outcomes})`;
}
