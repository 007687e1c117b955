import { okAsync, type ResultAsync } from 'neverthrow';
import type { AsyncJobError } from '../async-job-error';
import type { TrackedJobState } from '../tracker/tracker-snapshot';
import type { JobStore, StoredJob, StoredOutcome } from './job-store';

/** A `JobStore` in memory: for tests, and for processes that need no durability. */
export class MemoryStore implements JobStore {
  readonly #jobs = new Map<string, StoredJob>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  put(state: TrackedJobState): ResultAsync<void, AsyncJobError> {
    if (!this.#jobs.has(state.ref)) {
      this.#jobs.set(state.ref, {
        state,
        updatedAt: this.#now(),
        outcome: null,
        settledAt: null,
        handledAt: null,
      });
    }
    return okAsync(undefined);
  }

  update(state: TrackedJobState): ResultAsync<void, AsyncJobError> {
    const stored = this.#jobs.get(state.ref);
    if (stored && stored.outcome === null)
      this.#jobs.set(state.ref, { ...stored, state, updatedAt: this.#now() });
    return okAsync(undefined);
  }

  listUnsettled(): ResultAsync<StoredJob[], AsyncJobError> {
    return okAsync([...this.#jobs.values()].filter((job) => job.outcome === null));
  }

  list(): ResultAsync<StoredJob[], AsyncJobError> {
    return okAsync([...this.#jobs.values()]);
  }

  markSettled(ref: string, outcome: StoredOutcome, settledAt: number): ResultAsync<boolean, AsyncJobError> {
    const stored = this.#jobs.get(ref);
    if (!stored || stored.outcome !== null) return okAsync(false);
    this.#jobs.set(ref, { ...stored, outcome, settledAt, updatedAt: settledAt });
    return okAsync(true);
  }

  markHandled(ref: string, handledAt: number): ResultAsync<void, AsyncJobError> {
    const stored = this.#jobs.get(ref);
    if (stored && stored.outcome !== null && stored.handledAt === null) {
      this.#jobs.set(ref, { ...stored, handledAt, updatedAt: handledAt });
    }
    return okAsync(undefined);
  }

  listUnhandled(): ResultAsync<StoredJob[], AsyncJobError> {
    return okAsync([...this.#jobs.values()].filter((job) => job.outcome !== null && job.handledAt === null));
  }

  remove(ref: string): ResultAsync<void, AsyncJobError> {
    this.#jobs.delete(ref);
    return okAsync(undefined);
  }

  prune(settledBefore: number): ResultAsync<number, AsyncJobError> {
    let removed = 0;
    for (const [ref, job] of this.#jobs) {
      if (job.settledAt !== null && job.settledAt < settledBefore) {
        this.#jobs.delete(ref);
        removed += 1;
      }
    }
    return okAsync(removed);
  }

  close(): ResultAsync<void, AsyncJobError> {
    return okAsync(undefined);
  }
}
