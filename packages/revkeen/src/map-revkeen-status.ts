import type { JobStatus } from '@asyncjob/core';

/**
 * RevKeen does not document its run status values (the reference types `status` as a plain string), so this table
 * lists the plausible words; anything else goes through the field hints below, then to `unknown`.
 * @see https://docs.revkeen.com/docs/api-reference/automations_runs_get
 */
export type KnownRevkeenStatus =
  | 'queued'
  | 'pending'
  | 'running'
  | 'in_progress'
  | 'processing'
  | 'awaiting_approval'
  | 'pending_approval'
  | 'waiting_for_approval'
  | 'completed'
  | 'succeeded'
  | 'success'
  | 'failed'
  | 'errored'
  | 'error'
  | 'cancelled'
  | 'canceled'
  | 'rejected';

/** Each known run status word and its normalized status. */
export const REVKEEN_STATUS_MAP = {
  queued: 'queued',
  pending: 'queued',
  running: 'running',
  in_progress: 'running',
  processing: 'running',
  awaiting_approval: 'awaiting_action',
  pending_approval: 'awaiting_action',
  waiting_for_approval: 'awaiting_action',
  completed: 'succeeded',
  succeeded: 'succeeded',
  success: 'succeeded',
  failed: 'failed',
  errored: 'failed',
  error: 'failed',
  cancelled: 'cancelled',
  canceled: 'cancelled',
  // A run whose approval was turned down did not fail on its own: a person stopped it.
  rejected: 'cancelled',
} as const satisfies Record<KnownRevkeenStatus, JobStatus>;

/** Approval status words meaning the run still waits on a person. Not documented either. */
const PENDING_APPROVAL_STATUSES = new Set([
  'pending',
  'pending_approval',
  'awaiting_approval',
  'waiting',
  'waiting_for_approval',
  'requested',
  'open',
]);

/** Approval status words meaning a person turned the action down. */
const REJECTED_APPROVAL_STATUSES = new Set(['rejected', 'declined', 'denied']);

// Undocumented words may come in another case or spelling ("In Progress", "in-progress"); compare a canonical form.
function canonical(word: string): string {
  return word
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

/** Maps a run status word through the table; words it does not know give `unknown`. */
export function mapRevkeenStatus(status: string): JobStatus {
  const key = canonical(status);
  return Object.hasOwn(REVKEEN_STATUS_MAP, key) ? REVKEEN_STATUS_MAP[key as KnownRevkeenStatus] : 'unknown';
}

/** What the rest of a run says about its state, for status words the table does not know. */
export interface RevkeenStatusEvidence {
  /** `completed_at` is set (non-empty). */
  readonly completed: boolean;
  /** `error_message` is set (non-empty). */
  readonly errorMessage: boolean;
  /** An item of `approvals[]` still waits for a decision. */
  readonly pendingApproval: boolean;
}

/**
 * The status of a run. A known word wins, except that a bare `completed` with an error message is a failure (the
 * vendor names `error_message` as the failure signal). An unknown word falls back on the vendor's hints: a
 * completion time means terminal, an error message means failed, a pending approval means waiting on a person.
 */
export function mapRevkeenRunStatus(status: string, evidence: RevkeenStatusEvidence): JobStatus {
  const known = mapRevkeenStatus(status);
  if (known === 'succeeded' && canonical(status) === 'completed' && evidence.errorMessage) return 'failed';
  if (known !== 'unknown') return known;
  if (evidence.completed) return evidence.errorMessage ? 'failed' : 'succeeded';
  if (evidence.pendingApproval) return 'awaiting_action';
  return 'unknown';
}

/** Whether an approval's status word means it still waits for a decision. */
export function isPendingApprovalStatus(status: string | null): boolean {
  return status !== null && PENDING_APPROVAL_STATUSES.has(canonical(status));
}

/** Whether an approval's status word means it was turned down. */
export function isRejectedApprovalStatus(status: string | null): boolean {
  return status !== null && REJECTED_APPROVAL_STATUSES.has(canonical(status));
}
