import { setMaxListeners } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { pollingClient } from '../clients';
import { type Contender, createWaitGroup } from './contender';

/**
 * The loop most code starts with: wait a fixed interval, look, repeat until the job is finished; an error is
 * logged away and the loop goes on. `intervalMs` is in the vendor's time and scaled like everything else.
 */
export function fixedIntervalContender(intervalMs: number, role: 'peer' | 'curve'): Contender {
  const seconds = intervalMs / 1000;
  return {
    name: `fixed ${seconds}s`,
    role,
    description:
      role === 'peer'
        ? `sleep-then-check loop every ${seconds} s (OutX's documented advice)`
        : `sleep-then-check loop every ${seconds} s (a point of the fixed-interval curve)`,
    start(context) {
      const controller = new AbortController();
      // One listener per waiting job on this signal is expected, not a leak.
      setMaxListeners(0, controller.signal);
      const group = createWaitGroup();
      const realIntervalMs = intervalMs * context.timeScale;
      return {
        add(job) {
          const client = pollingClient(context.registry, job.provider);
          const loop = async () => {
            for (;;) {
              await sleep(realIntervalMs, undefined, { signal: controller.signal });
              const result = await client.get(job.id, { signal: controller.signal });
              if (result.isOk() && result.value.terminal) {
                context.seen(result.value);
                return;
              }
            }
          };
          group.add(loop().catch(() => context.failed(job.ref, 'stopped')));
        },
        settled: () => group.settled(),
        stop: () => controller.abort(),
      };
    },
  };
}
