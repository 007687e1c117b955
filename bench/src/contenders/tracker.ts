import { createJobTracker, type JobTracker } from '@asyncjob/core';
import type { Contender } from './contender';

/** The tracker's starting budget per vendor until headers tell the real one (core's default: 10 per second). */
const DEFAULT_BUDGET = { limit: 10, windowMs: 1000 };

/**
 * Our `JobTracker` at its defaults: one scheduler for every job, a token bucket per vendor key, the learned
 * schedule (cold: nothing learned before the run). Only the time-based defaults are scaled: the starting budget's
 * window (through the options) and the polling advice (through the registry's clients).
 */
export const trackerContender: Contender = {
  name: 'tracker',
  role: 'ours',
  description: 'JobTracker at its defaults, cold start, one operation label per kind of job',
  start(context) {
    const budget = { limit: DEFAULT_BUDGET.limit, windowMs: DEFAULT_BUDGET.windowMs * context.timeScale };
    const tracker: JobTracker = createJobTracker(context.registry, {
      rateLimits: Object.fromEntries(context.registry.providers.map((provider) => [provider, budget])),
    });
    tracker.subscribe((event) => {
      if (event.type !== 'settled') return;
      const { result, ref } = event.settled;
      result.match(
        (job) => context.seen(job),
        (error) => context.failed(ref, error.kind),
      );
    });
    return {
      add(job, operation) {
        const tracked = tracker.track(job, { operation });
        if (tracked.isErr()) context.failed(job.ref, tracked.error.kind);
      },
      settled: async () => {
        await tracker.drain();
      },
      stop: () => tracker.abort(),
    };
  },
};
