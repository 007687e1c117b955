import { fork } from 'node:child_process';
import type { SimulatorOptions } from '@asyncjob/simulator';
import type {
  SimulatorCall,
  SimulatorCalls,
  SimulatorMessage,
  SimulatorMethod,
  SimulatorReady,
} from './simulator-protocol';

const PROCESS_ENTRY = new URL('./simulator-process.ts', import.meta.url);

/** A simulator running in its own process: its addresses and keys, and the calls into it. */
export interface RemoteSimulator extends Omit<SimulatorReady, 'type'> {
  call<M extends SimulatorMethod>(
    method: M,
    ...args: Parameters<SimulatorCalls[M]>
  ): Promise<Awaited<ReturnType<SimulatorCalls[M]>>>;
  /** Stops the server and waits for the process to end. */
  close(): Promise<void>;
}

/**
 * Starts a simulator in a child process (the same loader as this one, so TypeScript runs as is) and resolves
 * once it listens. Rejects when the options are refused or the process dies first.
 */
export function startRemoteSimulator(options: SimulatorOptions): Promise<RemoteSimulator> {
  const child = fork(PROCESS_ENTRY, [JSON.stringify(options)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  return new Promise((resolve, reject) => {
    child.on('message', (message: SimulatorMessage) => {
      switch (message.type) {
        case 'ready':
          resolve(remoteOf(message, call, close));
          return;
        case 'start_failed':
          reject(new Error(`The simulator did not start: ${message.message}`));
          return;
        case 'answer':
          pending.get(message.id)?.resolve(message.value);
          pending.delete(message.id);
          return;
        case 'failure':
          pending.get(message.id)?.reject(new Error(message.message));
          pending.delete(message.id);
          return;
      }
    });
    child.once('exit', (code) => {
      exited = true;
      const error = new Error(`The simulator process ended (exit code ${code})`);
      for (const waiter of pending.values()) waiter.reject(error);
      pending.clear();
      reject(error);
    });
  });

  function call(method: SimulatorMethod, ...args: readonly unknown[]): Promise<unknown> {
    if (exited) return Promise.reject(new Error('The simulator process has ended'));
    const id = nextId;
    nextId += 1;
    const message: SimulatorCall = { type: 'call', id, method, args };
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      child.send(message);
    });
  }

  async function close(): Promise<void> {
    if (!exited) await call('close').catch(() => undefined);
    await exit;
  }
}

function remoteOf(
  ready: SimulatorReady,
  call: (method: SimulatorMethod, ...args: readonly unknown[]) => Promise<unknown>,
  close: () => Promise<void>,
): RemoteSimulator {
  const { type: _type, ...info } = ready;
  return { ...info, call: call as RemoteSimulator['call'], close };
}
