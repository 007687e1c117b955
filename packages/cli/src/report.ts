import type { AsyncJob, AsyncJobError, SettledJob } from '@asyncjob/core';
import type { Outcome } from './exit-code';
import { formatErrorJsonLine, formatErrorLine } from './format-error';
import { formatJobJsonLine, formatJobLine } from './format-job';
import type { Output } from './output';

/** How results are printed: `--json` and `--raw`. */
export interface ReportFormat {
  readonly json: boolean;
  readonly raw: boolean;
}

/** Prints a job: a JSON line or a line for people, on stdout. */
export function reportJob(output: Output, job: AsyncJob, format: ReportFormat): Outcome {
  output.result(format.json ? formatJobJsonLine(job, { raw: format.raw }) : formatJobLine(job));
  return { kind: 'job', status: job.status };
}

/**
 * Prints a ref's error: a JSON line on stdout with `--json` (so that every ref has its line), else one line on
 * stderr naming the ref and the kind.
 */
export function reportError(
  output: Output,
  ref: string | null,
  error: AsyncJobError,
  format: Pick<ReportFormat, 'json'>,
): Outcome {
  if (format.json) output.result(formatErrorJsonLine(ref, error));
  else output.message(formatErrorLine(ref, error));
  return { kind: 'error', error };
}

/** Prints a settled job or its error. */
export function reportSettled(output: Output, settled: SettledJob, format: ReportFormat): Outcome {
  return settled.result.match(
    (job) => reportJob(output, job, format),
    (error) => reportError(output, settled.ref, error, format),
  );
}
