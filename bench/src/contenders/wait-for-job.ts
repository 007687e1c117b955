import { setMaxListeners } from 'node:events';
import { waitForJob } from '@asyncjob/core';
import { pollingClient } from '../clients';
import { type Contender, createWaitGroup } from './contender';

/** Our `waitForJob`, one independent wait per job, at its defaults (the provider's advice, scaled). */
export const waitForJobContender: Contender = {
  name: 'waitForJob',
  role: 'ours',
  description: 'waitForJob per job at its defaults, given the create response as initialJob',
  start(context) {
    const controller = new AbortController();
    // One listener per waiting job on this signal is expected, not a leak.
    setMaxListeners(0, controller.signal);
    const group = createWaitGroup();
    return {
      add(job) {
        const client = pollingClient(context.registry, job.provider);
        const wait = waitForJob(client, job.id, {
          initialJob: job,
          signal: controller.signal,
          onUpdate: (update) => {
            if (update.terminal) context.seen(update);
          },
        }).mapErr((error) => context.failed(job.ref, error.kind));
        group.add(Promise.resolve(wait));
      },
      settled: () => group.settled(),
      stop: () => controller.abort(),
    };
  },
};
