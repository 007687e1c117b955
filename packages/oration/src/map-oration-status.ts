import type { JobStatus } from '@asyncjob/core';

/**
 * The job statuses Oration documents. The docs list them without meanings; the mapping below reads them by
 * their names (`created` is a record not yet enqueued, `retrying` an attempt that failed and will run again).
 * @see https://docs.oration.ai/api-reference/endpoint/jobs/get
 */
export type KnownOrationStatus = 'created' | 'queued' | 'active' | 'retrying' | 'success' | 'failed';

/** Every documented Oration status and its normalized status. */
export const ORATION_STATUS_MAP = {
  created: 'queued',
  queued: 'queued',
  active: 'running',
  retrying: 'retrying',
  success: 'succeeded',
  failed: 'failed',
} as const satisfies Record<KnownOrationStatus, JobStatus>;

/** Whether a vendor word is one of the documented statuses (own keys only: `constructor` is not a status). */
export function isKnownOrationStatus(rawStatus: string): rawStatus is KnownOrationStatus {
  return Object.hasOwn(ORATION_STATUS_MAP, rawStatus);
}

/**
 * Maps Oration's status word to the normalized status. A word it does not know gives `unknown`: the poller keeps
 * going until its deadline and the job's `rawStatus` keeps the word.
 */
export function mapOrationStatus(rawStatus: string): JobStatus {
  return isKnownOrationStatus(rawStatus) ? ORATION_STATUS_MAP[rawStatus] : 'unknown';
}
