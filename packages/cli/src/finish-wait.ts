import type { SqliteStore } from '@asyncjob/store-sqlite';
import { type ExitCode, exitCodeForOutcomes, type Outcome } from './exit-code';
import { shellArgument } from './job-store-file';
import type { Output } from './output';
import { reportSettledElsewhere } from './recorded-outcome';
import type { ReportFormat } from './report';
import { summarizeOutcomes } from './summarize-outcomes';
import type { TrackJobsResult } from './track-jobs';

/** What `finishWait` needs of a finished run. */
export interface FinishWaitInput {
  readonly run: TrackJobsResult;
  /** The outcomes printed so far; the ones printed here are added. */
  readonly outcomes: Outcome[];
  readonly startedAt: number;
  readonly format: ReportFormat;
  /** The `--store` file the wait records in. */
  readonly store: SqliteStore | null;
  /** The lines that say what was cut short and how to go on, when the signal fired. */
  readonly interruptedLines: () => readonly string[];
}

/** `continue with: asyncjob resume --store jobs.db`. */
export function resumeHint(path: string): string {
  return `continue with: asyncjob resume --store ${shellArgument(path)}`;
}

/**
 * Closes a wait (`wait`, `resume`, `submit --wait`): prints the outcome of jobs another process settled first,
 * what an interruption or a timeout left for `resume`, and the summary line; returns the exit code.
 */
export async function finishWait(output: Output, input: FinishWaitInput): Promise<ExitCode> {
  const { run, outcomes, store } = input;
  if (store && !run.interrupted) {
    outcomes.push(...(await reportSettledElsewhere(store, run.unsettled, output, input.format)));
  }
  if (run.interrupted) {
    for (const line of input.interruptedLines()) output.message(line);
    outcomes.push({ kind: 'interrupted' });
  } else if (
    store &&
    run.settled.some(({ result }) => result.isErr() && result.error.kind === 'poll_timeout')
  ) {
    output.message(`the jobs that timed out are still unsettled in ${store.path}; ${resumeHint(store.path)}`);
  }
  output.message(summarizeOutcomes(outcomes, Date.now() - input.startedAt, run.stats.requests));
  return exitCodeForOutcomes(outcomes, 'wait');
}
