import type { JobStatus } from '@asyncjob/core';

/**
 * The task statuses OutX documents. There is no running, failed or cancelled word: `pending` covers both waiting
 * for the Chrome extension and being executed by it.
 * @see https://docs.outx.ai/linkedin-api/get-task-status
 */
export type KnownOutxStatus = 'pending' | 'completed';

/**
 * Each documented status and its normalized status. `completed` means "finished", not always "succeeded":
 * `convertOutxJob` turns a completed action task without `sent: true` into `failed`.
 */
export const outxStatusTable = {
  pending: 'queued',
  completed: 'succeeded',
} as const satisfies Record<KnownOutxStatus, JobStatus>;

/** Maps an OutX status word to a `JobStatus`; a word it does not know becomes `unknown`. */
export function mapOutxStatus(rawStatus: string): JobStatus {
  // Matched without regard to case or surrounding spaces: `Completed` is no reason to poll until the deadline.
  const word = rawStatus.trim().toLowerCase();
  return Object.hasOwn(outxStatusTable, word) ? outxStatusTable[word as KnownOutxStatus] : 'unknown';
}
