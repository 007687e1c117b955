import { fork } from 'node:child_process';
import type { S4Config } from '../config';
import { type Verdict, verdict } from '../metrics';
import type { S4Variant } from './s4-heap-child';

/** The S4 target: at most 2 KiB of heap per tracked job. */
export const S4_BYTES_PER_JOB_TARGET = 2048;

const CHILD_ENTRY = new URL('./s4-heap-child.ts', import.meta.url);

export interface S4Row {
  readonly variant: S4Variant;
  readonly jobs: number;
  readonly bytesPerJob: number;
  /** The tracked variants carry the target; the snapshots alone are shown for attribution. */
  readonly verdict: Verdict | null;
}

function measure(jobs: number, variant: S4Variant): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = fork(CHILD_ENTRY, [String(jobs), variant], {
      execArgv: [...process.execArgv, '--expose-gc'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.once('message', (message: { bytesPerJob: number; tracked: number }) => {
      if (message.tracked !== jobs) reject(new Error(`S4 tracked ${message.tracked} of ${jobs} jobs`));
      else resolve(message.bytesPerJob);
    });
    child.once('exit', (code) => reject(new Error(`The S4 process ended (exit code ${code})`)));
  });
}

/** S4: heap per tracked job, each size and variant in a fresh process. */
export async function runS4(config: S4Config): Promise<S4Row[]> {
  const rows: S4Row[] = [];
  for (const jobs of config.sizes) {
    for (const variant of ['refs', 'snapshots', 'snapshots-alone'] as const) {
      const bytesPerJob = await measure(jobs, variant);
      const carriesTarget = variant !== 'snapshots-alone';
      rows.push({
        variant,
        jobs,
        bytesPerJob,
        verdict: carriesTarget ? verdict(bytesPerJob, S4_BYTES_PER_JOB_TARGET) : null,
      });
    }
  }
  return rows;
}
