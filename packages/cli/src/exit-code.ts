import type { AsyncJobError, JobStatus } from '@asyncjob/core';

/** The exit codes of `asyncjob`. */
export const EXIT_CODES = {
  /** Every job succeeded (for `status`: the lookup worked, whatever the job's status). */
  ok: 0,
  /** A job failed or was cancelled. */
  jobFailed: 1,
  /** A usage or config error: a bad flag, ref or config, or input refused before any request. */
  usage: 2,
  /** A request error: unauthorized, not found, rate limited, network, server error … */
  requestError: 3,
  /** The `--timeout` passed before a job finished. */
  timeout: 4,
  /** Stopped by Ctrl+C or SIGTERM. */
  interrupted: 130,
} as const;

/** One of the codes above. */
export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];

/** How one ref (or the whole command) ended, as far as the exit code cares. */
export type Outcome =
  | { readonly kind: 'job'; readonly status: JobStatus }
  | { readonly kind: 'error'; readonly error: Pick<AsyncJobError, 'kind' | 'httpStatus'> }
  | { readonly kind: 'usage' }
  | { readonly kind: 'interrupted' };

/**
 * `lookup`: a job in hand is success whatever its status (`status`, `submit` without `--wait`).
 * `wait`: only a succeeded job is success.
 */
export type OutcomeMode = 'lookup' | 'wait';

/** Most serious first: when several refs end differently, the first of these present wins. */
const SEVERITY: readonly ExitCode[] = [130, 2, 3, 4, 1, 0];

/** The exit code of one request error. */
export function exitCodeForError(error: Pick<AsyncJobError, 'kind' | 'httpStatus'>): ExitCode {
  switch (error.kind) {
    case 'config':
      return EXIT_CODES.usage;
    // Refused by the adapter's own validation, before any request: the user's input is at fault.
    case 'invalid_request':
      return error.httpStatus === undefined ? EXIT_CODES.usage : EXIT_CODES.requestError;
    case 'poll_timeout':
      return EXIT_CODES.timeout;
    case 'aborted':
      return EXIT_CODES.interrupted;
    default:
      return EXIT_CODES.requestError;
  }
}

/** The exit code of one outcome. */
export function exitCodeOf(outcome: Outcome, mode: OutcomeMode): ExitCode {
  switch (outcome.kind) {
    case 'job':
      if (mode === 'lookup' || outcome.status === 'succeeded') return EXIT_CODES.ok;
      if (outcome.status === 'failed' || outcome.status === 'cancelled') return EXIT_CODES.jobFailed;
      // A wait only ends on a terminal job; anything else means it ran out of time.
      return EXIT_CODES.timeout;
    case 'error':
      return exitCodeForError(outcome.error);
    case 'usage':
      return EXIT_CODES.usage;
    case 'interrupted':
      return EXIT_CODES.interrupted;
    default: {
      const unexpected: never = outcome;
      return unexpected;
    }
  }
}

/** The most serious of several codes (130 > 2 > 3 > 4 > 1 > 0); 0 for none. */
export function mostSeriousExitCode(codes: Iterable<ExitCode>): ExitCode {
  const present = new Set(codes);
  return SEVERITY.find((code) => present.has(code)) ?? EXIT_CODES.ok;
}

/** The exit code of a whole command from the outcome of each ref. */
export function exitCodeForOutcomes(outcomes: Iterable<Outcome>, mode: OutcomeMode): ExitCode {
  return mostSeriousExitCode([...outcomes].map((outcome) => exitCodeOf(outcome, mode)));
}
