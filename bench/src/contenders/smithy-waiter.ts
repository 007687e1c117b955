import { setMaxListeners } from 'node:events';
import type { AsyncJobClient } from '@asyncjob/core';
import { createWaiter, WaiterState, waiterServiceDefaults } from '@smithy/util-waiter';
import { pollingClient } from '../clients';
import { type Contender, createWaitGroup } from './contender';

/** Longer than any scenario runs; the waiter requires one (in seconds). */
const MAX_WAIT_SECONDS = 3600;

/**
 * AWS's waiter (`@smithy/util-waiter` `createWaiter`) with its documented defaults, minDelay 2 s and maxDelay
 * 120 s (`waiterServiceDefaults`), both scaled. It checks at once, then backs off exponentially with jitter.
 * The acceptor is what a generated AWS waiter does: terminal → SUCCESS, a retryable error → RETRY.
 */
export const smithyWaiterContender: Contender = {
  name: 'smithy waiter',
  role: 'peer',
  description: `@smithy/util-waiter createWaiter, defaults minDelay ${waiterServiceDefaults.minDelay} s, maxDelay ${waiterServiceDefaults.maxDelay} s`,
  start(context) {
    const controller = new AbortController();
    // One listener per waiting job on this signal is expected, not a leak.
    setMaxListeners(0, controller.signal);
    const group = createWaitGroup();
    const minDelay = waiterServiceDefaults.minDelay * context.timeScale;
    const maxDelay = waiterServiceDefaults.maxDelay * context.timeScale;
    return {
      add(job) {
        const client = pollingClient(context.registry, job.provider);
        const waiter = createWaiter<AsyncJobClient, string>(
          { client, minDelay, maxDelay, maxWaitTime: MAX_WAIT_SECONDS, abortSignal: controller.signal },
          job.id,
          async (checked, id) => {
            const result = await checked.get(id, { signal: controller.signal });
            if (result.isErr()) {
              return {
                state: result.error.retryable ? WaiterState.RETRY : WaiterState.FAILURE,
                reason: result.error,
              };
            }
            if (!result.value.terminal) return { state: WaiterState.RETRY };
            context.seen(result.value);
            return { state: WaiterState.SUCCESS, reason: result.value };
          },
        ).then((outcome) => {
          if (outcome.state !== WaiterState.SUCCESS) context.failed(job.ref, outcome.state.toLowerCase());
        });
        group.add(waiter);
      },
      settled: () => group.settled(),
      stop: () => controller.abort(),
    };
  },
};
