import { pollingClient } from '../clients';
import { type Contender, createWaitGroup, simulatorJobId, simulatorVendor } from './contender';

/**
 * The physical limit, not a real poller: it asks the simulator's truth when each job finishes and sends one
 * lookup right then. Its delay is what the harness itself costs (timer, IPC, one HTTP round trip).
 */
export const oracleContender: Contender = {
  name: 'oracle',
  role: 'oracle',
  description: 'one lookup the moment the simulator says the job finished (the floor of this harness)',
  start(context) {
    const group = createWaitGroup();
    let stopped = false;
    return {
      add(job) {
        const client = pollingClient(context.registry, job.provider);
        const lookAtFinish = async () => {
          await context.simulator.call('waitForFinish', simulatorVendor(job), simulatorJobId(job));
          // The truth and the HTTP answer use the same clock; a second look is needed only on a millisecond tie.
          while (!stopped) {
            const result = await client.get(job.id);
            if (result.isOk() && result.value.terminal) {
              context.seen(result.value);
              return;
            }
            if (result.isErr() && !result.error.retryable) {
              context.failed(job.ref, result.error.kind);
              return;
            }
          }
        };
        group.add(lookAtFinish());
      },
      settled: () => group.settled(),
      stop: () => {
        stopped = true;
      },
    };
  },
};
