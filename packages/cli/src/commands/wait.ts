import type { JobTrackerOptions } from '@asyncjob/core';
import type { CliIo } from '../cli-io';
import { type ExitCode, exitCodeForOutcomes, type Outcome } from '../exit-code';
import { openRegistry } from '../open-registry';
import { createOutput } from '../output';
import { withConfigHint } from '../registry';
import { type ReportFormat, reportError, reportSettled } from '../report';
import { summarizeOutcomes } from '../summarize-outcomes';
import { trackJobs } from '../track-jobs';

/** Options of `asyncjob wait`. */
export interface WaitCommandOptions extends ReportFormat {
  readonly refs: readonly string[];
  /** Per-job deadline. */
  readonly timeoutMs: number;
  readonly config?: string;
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
 * it settles. Every ref is checked before any request: a bad one is a usage error and nothing is polled.
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

  const startedAt = Date.now();
  const outcomes: Outcome[] = [];
  const run = await trackJobs(
    registry.value,
    refs.map((ref) => ({ target: ref, operation: 'wait' })),
    io,
    output,
    {
      timeoutMs: options.timeoutMs,
      tracker: settings.tracker,
      progress: { label: 'waiting', intervalMs: settings.progressIntervalMs },
      signal: io.signal,
      onSettled: (settled) => outcomes.push(reportSettled(output, settled, options)),
    },
  );
  if (run.interrupted) {
    output.message(`interrupted: ${run.unsettled.length} not finished: ${run.unsettled.join(' ')}`);
    outcomes.push({ kind: 'interrupted' });
  }
  output.message(summarizeOutcomes(outcomes, Date.now() - startedAt, run.stats.requests));
  return exitCodeForOutcomes(outcomes, 'wait');
}
