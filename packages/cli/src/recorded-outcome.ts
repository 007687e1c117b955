import {
  type AsyncJob,
  type AsyncJobError,
  type JobStore,
  jobFromJson,
  type StoredJob,
} from '@asyncjob/core';
import { err, type Result } from 'neverthrow';
import type { Outcome } from './exit-code';
import { formatErrorLine } from './format-error';
import type { Output } from './output';
import { type ReportFormat, reportError, reportJob } from './report';

/** A recorded outcome as a tracker result (the terminal job, or the error that ended tracking it); null while unsettled. */
export function recordedResult(stored: StoredJob): Result<AsyncJob, AsyncJobError> | null {
  if (stored.outcome === null) return null;
  return stored.outcome.type === 'job' ? jobFromJson(stored.outcome.job) : err(stored.outcome.error);
}

/** Epoch milliseconds as an ISO string; null stays null. */
export function isoTime(epochMs: number | null): string | null {
  return epochMs === null ? null : new Date(epochMs).toISOString();
}

/**
 * Prints the recorded outcome of jobs this process did not see settle, as `wait` prints a settled job, each after a
 * note on stderr saying why it comes from the store (`why`: "settled earlier", "was settled by another process").
 */
export function reportRecorded(
  output: Output,
  jobs: readonly StoredJob[],
  format: ReportFormat,
  why: string,
): Outcome[] {
  const outcomes: Outcome[] = [];
  for (const stored of jobs) {
    const result = recordedResult(stored);
    if (result === null) continue;
    const ref = stored.state.ref;
    const at = isoTime(stored.settledAt);
    output.message(`note: ${ref} ${why}${at === null ? '' : ` (${at})`}; this is its recorded outcome.`);
    outcomes.push(
      result.match(
        (job) => reportJob(output, job, format),
        (error) => reportError(output, ref, error, format),
      ),
    );
  }
  return outcomes;
}

/**
 * Prints the outcome of tracked refs that never settled here although the run was not cut short: another process
 * on the same store recorded their outcome first, and the tracker runs settle handlers only where it was recorded.
 */
export async function reportSettledElsewhere(
  store: JobStore,
  refs: readonly string[],
  output: Output,
  format: ReportFormat,
): Promise<Outcome[]> {
  if (refs.length === 0) return [];
  const listed = await store.list();
  if (listed.isErr()) {
    output.message(formatErrorLine(null, listed.error));
    return [{ kind: 'error', error: listed.error }];
  }
  const wanted = new Set(refs);
  const settled = listed.value.filter((stored) => wanted.has(stored.state.ref));
  return reportRecorded(output, settled, format, 'was settled by another process');
}
