import type { JobFailure, JobStatus, StoredJob } from '@asyncjob/core';
import { type ErrorJson, toErrorJson } from './format-error';
import { formatJobLine, oneLine } from './format-job';
import { shellArgument } from './job-store-file';
import { isoTime, recordedResult } from './recorded-outcome';

/** A recorded job as `asyncjob jobs --json` prints it. */
export interface StoredJobJson {
  readonly ref: string;
  readonly provider: string;
  /** The operation label it was tracked with (`wait` for refs given to `asyncjob wait`). */
  readonly operation: string;
  /** The terminal status, or the last status seen while unsettled; null when it was never seen. */
  readonly status: JobStatus | null;
  readonly rawStatus: string | null;
  readonly settled: boolean;
  readonly settledAt: string | null;
  /** When the record last changed. */
  readonly updatedAt: string;
  /** Why a failed or cancelled job ended, as the vendor says. */
  readonly failure: JobFailure | null;
  /** The error that ended tracking the job (not found, unauthorized …); null otherwise. */
  readonly error: ErrorJson['error'] | null;
}

/** The JSON object of a recorded job; absent fields are null so every line has the same keys. */
export function toStoredJobJson(stored: StoredJob): StoredJobJson {
  const { state } = stored;
  const result = recordedResult(stored);
  const job = result?.isOk() ? result.value : null;
  return {
    ref: state.ref,
    provider: job?.provider ?? state.ref.slice(0, state.ref.indexOf(':')),
    operation: state.operation,
    status: job?.status ?? state.status,
    rawStatus: job?.rawStatus ?? state.rawStatus,
    settled: stored.outcome !== null,
    settledAt: isoTime(stored.settledAt),
    updatedAt: isoTime(stored.updatedAt) as string,
    failure: job?.failure ?? null,
    error: result?.isErr() ? toErrorJson(state.ref, result.error).error : null,
  };
}

/** One line of `jobs --json` output (no newline). */
export function formatStoredJobJsonLine(stored: StoredJob): string {
  return JSON.stringify(toStoredJobJson(stored));
}

/**
 * A recorded job in one line for people. A settled job reads as `wait` prints it; an error as
 * `<ref>  error  <kind>: <message>`; an unsettled job as `<ref>  <last status>  unsettled`.
 */
export function formatStoredJobLine(stored: StoredJob): string {
  const { ref, status, rawStatus } = stored.state;
  const result = recordedResult(stored);
  if (result === null) {
    const word =
      status === null
        ? 'not seen yet'
        : rawStatus && rawStatus !== status
          ? `${status} (${oneLine(rawStatus)})`
          : status;
    return `${ref}  ${word}  unsettled`;
  }
  return result.match(formatJobLine, (error) => `${ref}  error  ${error.kind}: ${oneLine(error.message)}`);
}

/**
 * `3 jobs in jobs.db: 2 settled, 1 unsettled; continue with: asyncjob resume --store jobs.db`: the closing line of
 * `jobs`, on stderr.
 */
export function summarizeStoredJobs(jobs: readonly StoredJob[], path: string): string {
  if (jobs.length === 0) return `no jobs recorded in ${path}`;
  const unsettled = jobs.filter((stored) => stored.outcome === null).length;
  const noun = jobs.length === 1 ? 'job' : 'jobs';
  const counts = `${jobs.length} ${noun} in ${path}: ${jobs.length - unsettled} settled, ${unsettled} unsettled`;
  return unsettled === 0
    ? counts
    : `${counts}; continue with: asyncjob resume --store ${shellArgument(path)}`;
}
