import type { AsyncJob, JobFailure } from '@asyncjob/core';

/** Options of the job formatters. */
export interface FormatJobOptions {
  /** Keep the vendor's wire object (`--raw`). @default false */
  readonly raw?: boolean;
}

/** A job as `--json` prints it: the model with dates as ISO strings, `raw` only when asked for. */
export interface JobJson {
  readonly ref: string;
  readonly provider: string;
  readonly id: string;
  readonly status: AsyncJob['status'];
  readonly rawStatus: string;
  readonly terminal: boolean;
  readonly result: unknown;
  readonly failure: AsyncJob['failure'];
  readonly createdAt: string | null;
  readonly updatedAt: string | null;
  readonly scheduledAt: string | null;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  readonly nextAttemptAt: string | null;
  readonly attempts: number | null;
  readonly raw?: unknown;
}

const iso = (date: Date | null): string | null => (date === null ? null : date.toISOString());

/** The JSON object of a job, fields in the model's order. */
export function toJobJson(job: AsyncJob, options: FormatJobOptions = {}): JobJson {
  const json: JobJson = {
    ref: job.ref,
    provider: job.provider,
    id: job.id,
    status: job.status,
    rawStatus: job.rawStatus,
    terminal: job.terminal,
    result: job.result,
    failure: job.failure,
    createdAt: iso(job.createdAt),
    updatedAt: iso(job.updatedAt),
    scheduledAt: iso(job.scheduledAt),
    startedAt: iso(job.startedAt),
    finishedAt: iso(job.finishedAt),
    nextAttemptAt: iso(job.nextAttemptAt),
    attempts: job.attempts,
  };
  return options.raw ? { ...json, raw: job.raw } : json;
}

/** One line of `--json` output for a job (no newline). */
export function formatJobJsonLine(job: AsyncJob, options: FormatJobOptions = {}): string {
  return JSON.stringify(toJobJson(job, options));
}

/** Collapses whitespace so that a vendor message never breaks the one-line format. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** `code: message`, or the code alone when the vendor repeats it as the message. */
export function formatFailure(failure: JobFailure): string {
  const message = oneLine(failure.message);
  return message === '' || message === failure.code ? failure.code : `${failure.code}: ${message}`;
}

function details(job: AsyncJob): string {
  switch (job.status) {
    case 'failed':
      return formatFailure(job.failure);
    case 'cancelled':
      return job.failure ? formatFailure(job.failure) : '';
    case 'succeeded':
      return job.finishedAt ? `finished ${job.finishedAt.toISOString()}` : '';
    case 'scheduled':
      return job.scheduledAt ? `starts ${job.scheduledAt.toISOString()}` : '';
    case 'retrying':
      return job.nextAttemptAt ? `next attempt ${job.nextAttemptAt.toISOString()}` : '';
    default:
      return job.nextAttemptAt ? `next attempt ${job.nextAttemptAt.toISOString()}` : '';
  }
}

/**
 * A job in one line for people: `<ref>  <status> (<vendor's word>)  <details>`. The vendor's word is shown only
 * when it differs from the status; details are the failure, the planned start or the finish time.
 */
export function formatJobLine(job: AsyncJob): string {
  const word = job.rawStatus === job.status ? job.status : `${job.status} (${oneLine(job.rawStatus)})`;
  const extra = details(job);
  return extra ? `${job.ref}  ${word}  ${extra}` : `${job.ref}  ${word}`;
}
