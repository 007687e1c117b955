import { fork } from 'node:child_process';
import type { ContenderSpec } from '../contenders';
import type { WorkerCommand, WorkerMessage, WorkerTask } from './worker-protocol';

const WORKER_ENTRY = new URL('./scenario-worker.ts', import.meta.url);

/** How long after every worker is ready the first start lies (real ms), so all are waiting when it comes. */
const START_MARGIN_MS = 200;

/**
 * Each worker starts this much later than the one before (real ms). The timelines are the same, only shifted:
 * without the shift, every contender would create the same job in the same millisecond, and on a small machine
 * those bursts of processes waking together would add their queueing to everybody's delays.
 */
const STAGGER_MS = 11;

interface Worker {
  readonly ready: Promise<void>;
  readonly done: Promise<unknown>;
  start(startedAt: number): void;
  /** Ends the worker at once (another one failed); its simulator ends with it. */
  stop(): void;
}

function startWorker(task: WorkerTask): Worker {
  const child = fork(WORKER_ENTRY, [JSON.stringify(task)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let markReady: () => void = () => undefined;
  let fail: (error: Error) => void = () => undefined;
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve;
    fail = reject;
  });
  const done = new Promise<unknown>((resolve, reject) => {
    child.on('message', (message: WorkerMessage) => {
      if (message.type === 'ready') markReady();
      if (message.type === 'done') resolve(message.result);
      if (message.type === 'failed') {
        const error = new Error(`${task.scenario} ${task.contender.kind}: ${message.message}`);
        fail(error);
        reject(error);
      }
    });
    child.once('exit', (code) => {
      const error = new Error(
        `${task.scenario} ${task.contender.kind}: the worker ended (exit code ${code})`,
      );
      fail(error);
      reject(error);
    });
  });
  // Each promise is awaited later; a failure is reported there, not as an unhandled rejection.
  ready.catch(() => undefined);
  done.catch(() => undefined);
  return {
    ready,
    done,
    start: (startedAt) => child.send({ type: 'start', startedAt } satisfies WorkerCommand),
    stop: () => {
      if (child.exitCode === null) child.kill();
    },
  };
}

/**
 * Runs every contender of a scenario at once, each in its own worker process with its own simulator: all are
 * prepared first, then started together (a few milliseconds apart), so they see the same jobs on the same
 * timeline and share whatever else the machine is doing. Resolves with each worker's raw result, in the order of `contenders`.
 */
export async function runInWorkers(
  scenario: WorkerTask['scenario'],
  config: unknown,
  contenders: readonly ContenderSpec[],
): Promise<unknown[]> {
  const workers = contenders.map((contender) => startWorker({ scenario, config, contender }));
  try {
    await Promise.all(workers.map((worker) => worker.ready));
    const startedAt = Date.now() + START_MARGIN_MS;
    for (const [index, worker] of workers.entries()) worker.start(startedAt + index * STAGGER_MS);
    return await Promise.all(workers.map((worker) => worker.done));
  } catch (error) {
    // One contender failed: the others' results would be incomplete, so end them rather than wait.
    for (const worker of workers) worker.stop();
    throw error;
  }
}
