/**
 * The simulator in its own process, so that the client side of the benchmark is measured alone (its CPU time
 * and its event loop are not shared with the server's). Started by `remote-simulator.ts` with the options as
 * JSON in argv; answers the calls of `SimulatorCalls` over the IPC channel.
 */
import { type SimulatorOptions, startSimulator } from '@asyncjob/simulator';
import { createApprover } from './approver';
import { waitForFinish } from './finish-watcher';
import type { SimulatorCall, SimulatorCalls, SimulatorMessage } from './simulator-protocol';

const send = (message: SimulatorMessage) => process.send?.(message);

const options = JSON.parse(process.argv[2] ?? '{}') as SimulatorOptions;
const started = await startSimulator(options);
if (started.isErr()) {
  send({ type: 'start_failed', message: started.error.message });
  process.exit(1);
}
const simulator = started.value;
const { control } = simulator;
const approver = createApprover(control);

const calls: { [K in keyof SimulatorCalls]: (...args: never[]) => unknown } = {
  stats: () => simulator.stats(),
  resetStats: () => {
    simulator.stats.reset();
    return null;
  },
  jobs: () => control.jobs(),
  setExtensionRunning: (apiKey: string, running: boolean) => {
    control.setExtensionRunning(apiKey, running);
    return null;
  },
  approveAfter: (runId: string, delayMs: number) => {
    approver.approveAfter(runId, delayMs);
    return null;
  },
  waitForFinish: (vendor: Parameters<SimulatorCalls['waitForFinish']>[0], id: string) =>
    waitForFinish(control, vendor, id),
  close: async () => {
    approver.stop();
    await simulator.close();
    return null;
  },
};

// The benchmark process is gone (it failed or was stopped): nothing is left to answer.
process.once('disconnect', () => process.exit(0));

process.on('message', (message: SimulatorCall) => {
  const call = calls[message.method] as (...args: readonly unknown[]) => unknown;
  Promise.resolve()
    .then(() => call(...message.args))
    .then(
      (value) => {
        const answer: SimulatorMessage = { type: 'answer', id: message.id, value: value ?? null };
        // After closing, leave once the answer is out: watchers of unfinished jobs must not keep us alive.
        if (message.method === 'close') process.send?.(answer, undefined, {}, () => process.exit(0));
        else send(answer);
      },
      (error: unknown) => send({ type: 'failure', id: message.id, message: String(error) }),
    );
});

send({
  type: 'ready',
  seed: simulator.seed,
  baseUrls: simulator.baseUrls,
  keys: simulator.keys,
  automations: simulator.automations,
});
