import type { JobStore } from '@asyncjob/core';
import { okAsync } from 'neverthrow';

/** Options of `trackerStore`. */
export interface TrackerStoreOptions {
  /**
   * The deadline (epoch ms, null for none) of every job `tracker.resume()` reads: a resumed wait gets its own
   * `--timeout`, not what was left of the deadline of the wait that was cut short. @default the recorded one
   */
  readonly deadline?: number | null;
}

/**
 * The store as the command's tracker sees it. A wait that runs out of time ends the wait, not the job (it goes on
 * at the vendor): its `poll_timeout` is printed, but not recorded as the job's outcome, so the job stays
 * unsettled and `asyncjob resume` continues it. Every other call goes to `store` unchanged.
 */
export function trackerStore(store: JobStore, options: TrackerStoreOptions = {}): JobStore {
  const { deadline } = options;
  const overrides: Partial<Record<PropertyKey, unknown>> = {
    markSettled: ((ref, outcome, settledAt) =>
      outcome.type === 'error' && outcome.error.kind === 'poll_timeout'
        ? okAsync(true)
        : store.markSettled(ref, outcome, settledAt)) satisfies JobStore['markSettled'],
    ...(deadline === undefined
      ? {}
      : {
          listUnsettled: (() =>
            store
              .listUnsettled()
              .map((jobs) =>
                jobs.map((job) => ({ ...job, state: { ...job.state, deadline } })),
              )) satisfies JobStore['listUnsettled'],
        }),
  };
  // A proxy rather than an object that lists every method: whatever else the store has (and whatever the
  // contract gains) reaches it as it is, bound to the store so that its private fields work.
  return new Proxy(store, {
    get: (target, key) => {
      if (Object.hasOwn(overrides, key)) return overrides[key];
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
