import type { JobStatus } from '@asyncjob/core';

/**
 * The task statuses Revor documents: the six of the v1 job page plus `settling`, which the v2 skill package
 * lists as non-terminal without saying what it means.
 *
 * @see https://revor.ai/docs/api/outreach-jobs
 */
export type KnownRevorStatus =
  | 'queued'
  | 'scheduled'
  | 'running'
  | 'settling'
  | 'succeeded'
  | 'failed'
  | 'cancelled';

/** A Revor status word: a known one, or any other the vendor may add. */
export type RevorStatus = KnownRevorStatus | (string & {});

/** Revor's status words, normalized. */
export const revorStatusMap = {
  queued: 'queued',
  scheduled: 'scheduled',
  running: 'running',
  // v2 only and undocumented beyond "non-terminal": the work has started, so it counts as running.
  settling: 'running',
  succeeded: 'succeeded',
  failed: 'failed',
  cancelled: 'cancelled',
} as const satisfies Record<KnownRevorStatus, JobStatus>;

/**
 * Maps a Revor status word to a `JobStatus`; a word it does not know becomes `unknown` (the caller keeps the
 * word in `rawStatus` and the poll deadline bounds the wait).
 */
export function mapRevorStatus(status: RevorStatus): JobStatus {
  // Object.hasOwn, not `in`: "constructor" or "toString" must not resolve to Object.prototype's members.
  return Object.hasOwn(revorStatusMap, status) ? revorStatusMap[status as KnownRevorStatus] : 'unknown';
}
