import type { ResultAsync } from 'neverthrow';
import type { AsyncJobError } from '../async-job-error';
import type { AsyncJobJson } from '../async-job-json';
import type { TrackedJobState } from '../tracker/tracker-snapshot';

/** How a recorded job ended: its terminal snapshot, or the error that ended tracking it. */
export type StoredOutcome =
  | { readonly type: 'job'; readonly job: AsyncJobJson }
  | { readonly type: 'error'; readonly error: AsyncJobError };

/** One job as a store keeps it. */
export interface StoredJob {
  /** The tracker state needed to continue the job in another process. */
  readonly state: TrackedJobState;
  /** When the record last changed (epoch ms). */
  readonly updatedAt: number;
  /** Null while the job is unsettled. */
  readonly outcome: StoredOutcome | null;
  readonly settledAt: number | null;
  /** When the settle handlers of this outcome finished; null while they have not (or it is unsettled). */
  readonly handledAt: number | null;
}

/**
 * Where a tracker records what it tracks, so a restarted process loses nothing. Every method is one atomic
 * change. The tracker writes a job before its first poll, every status change, a settled job's outcome before
 * any settle handler runs, and a mark once they ran.
 */
export interface JobStore {
  /** Records a job to track; a ref already recorded (settled or not) is left as it is. */
  put(state: TrackedJobState): ResultAsync<void, AsyncJobError>;
  /** Replaces the state of an unsettled job (after a status change). */
  update(state: TrackedJobState): ResultAsync<void, AsyncJobError>;
  /** Every job not settled yet, oldest first. */
  listUnsettled(): ResultAsync<StoredJob[], AsyncJobError>;
  /** Every job, settled or not, oldest first. */
  list(): ResultAsync<StoredJob[], AsyncJobError>;
  /**
   * Records the outcome; `true` the first time, `false` when the job was already settled (so its settle
   * handlers run exactly once, even with two processes on one store).
   */
  markSettled(ref: string, outcome: StoredOutcome, settledAt: number): ResultAsync<boolean, AsyncJobError>;
  /** Records that the settle handlers of a settled job have run. */
  markHandled(ref: string, handledAt: number): ResultAsync<void, AsyncJobError>;
  /**
   * Settled jobs whose handlers have not finished: a process that stopped between recording an outcome and
   * running its handlers. `resume()` runs them, so every outcome reaches its handlers at least once.
   */
  listUnhandled(): ResultAsync<StoredJob[], AsyncJobError>;
  /** Forgets a job (the tracker's `untrack`), settled or not, so a later `resume()` does not take it up. */
  remove(ref: string): ResultAsync<void, AsyncJobError>;
  /** Deletes settled jobs settled before `settledBefore`; returns how many. */
  prune(settledBefore: number): ResultAsync<number, AsyncJobError>;
  close(): ResultAsync<void, AsyncJobError>;
}
