// Spawns fleet worker processes (fleet-worker-main.ts under tsx) and follows their JSON lines.
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** One line a worker printed. */
export interface WorkerLine {
  readonly event: string;
  readonly [field: string]: unknown;
}

export interface WorkerProcess {
  readonly child: ChildProcess;
  readonly lines: WorkerLine[];
  readonly stderr: string[];
  /** Resolves with the first line (already printed or to come) that matches. */
  waitFor(predicate: (line: WorkerLine) => boolean, timeoutMs?: number): Promise<WorkerLine>;
  /** Sends a signal and waits for the process to end; resolves with its exit code or signal. */
  kill(signal: NodeJS.Signals): Promise<number | string | null>;
  alive(): boolean;
}

const MAIN = fileURLToPath(new URL('./fleet-worker-main.ts', import.meta.url));
const TEST_DIR = fileURLToPath(new URL('..', import.meta.url));

export function spawnWorker(env: Readonly<Record<string, string>>): WorkerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    cwd: TEST_DIR,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: WorkerLine[] = [];
  const stderr: string[] = [];
  const waiters = new Set<() => void>();
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (text) => {
    try {
      lines.push(JSON.parse(text) as WorkerLine);
    } catch {
      stderr.push(`stdout: ${text}`);
    }
    for (const wake of waiters) wake();
  });
  createInterface({ input: child.stderr as NodeJS.ReadableStream }).on('line', (text) => stderr.push(text));
  const exited = new Promise<number | string | null>((resolve) =>
    child.once('exit', (code, signal) => {
      for (const wake of waiters) wake();
      resolve(code ?? signal);
    }),
  );
  const alive = () => child.exitCode === null && child.signalCode === null;
  return {
    child,
    lines,
    stderr,
    alive,
    waitFor: (predicate, timeoutMs = 20_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const found = lines.find(predicate);
          if (found) finish(() => resolve(found));
          else if (!alive())
            finish(() => reject(new Error(`the worker exited: ${stderr.slice(-5).join('\n')}`)));
        };
        const timer = setTimeout(
          () =>
            finish(() =>
              reject(new Error(`no such line within ${timeoutMs} ms: ${stderr.slice(-5).join('\n')}`)),
            ),
          timeoutMs,
        );
        const finish = (settle: () => void) => {
          clearTimeout(timer);
          waiters.delete(check);
          settle();
        };
        waiters.add(check);
        check();
      }),
    kill: (signal) => {
      if (alive()) child.kill(signal);
      return exited;
    },
  };
}

/** Stops workers that are still running: SIGTERM (a graceful close), then SIGKILL after 10 s. */
export async function stopWorkers(workers: readonly WorkerProcess[]): Promise<void> {
  await Promise.all(
    workers.map(async (worker) => {
      if (!worker.alive()) return;
      const timer = setTimeout(() => worker.child.kill('SIGKILL'), 10_000);
      await worker.kill('SIGTERM');
      clearTimeout(timer);
    }),
  );
}
