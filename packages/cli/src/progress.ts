import { JOB_STATUSES } from '@asyncjob/core';
import ora from 'ora';
import type { CliIo } from './cli-io';
import type { Output } from './output';

/** Where each tracked ref stands: a job status, `error` once tracking it failed, `checking` before first sight. */
export type RefState = (typeof JOB_STATUSES)[number] | 'error' | 'checking';

const STATE_ORDER: readonly RefState[] = ['checking', ...JOB_STATUSES, 'error'];

/** `17 jobs: 3 queued, 1 running, 12 succeeded, 1 failed`: the counts per state, in lifecycle order. */
export function formatStateCounts(states: Iterable<RefState>): string {
  const counts = new Map<RefState, number>();
  let total = 0;
  for (const state of states) {
    counts.set(state, (counts.get(state) ?? 0) + 1);
    total += 1;
  }
  const parts = STATE_ORDER.filter((state) => counts.has(state)).map(
    (state) =>
      `${counts.get(state)} ${state === 'error' ? (counts.get(state) === 1 ? 'error' : 'errors') : state}`,
  );
  const noun = total === 1 ? 'job' : 'jobs';
  return parts.length > 0 ? `${total} ${noun}: ${parts.join(', ')}` : `${total} ${noun}`;
}

/** Live progress of a wait. */
export interface Progress {
  /** The new counts line. */
  update(text: string): void;
  /** Stops the spinner or the timer; safe to call twice. */
  stop(): void;
}

/** Options of `createProgress`. */
export interface ProgressOptions {
  /** How often a plain line is printed when stderr is not a terminal. @default 5000 */
  readonly intervalMs?: number;
  /** Put before the counts, e.g. `waiting`. */
  readonly label?: string;
}

/**
 * A spinner with the counts on stderr when it is a terminal; otherwise a plain counts line every `intervalMs`,
 * so logs show the wait is alive without one line per poll.
 */
export function createProgress(io: CliIo, output: Output, options: ProgressOptions = {}): Progress {
  const label = options.label ?? 'waiting';
  let text = '';
  // A terminal of unknown width (0 columns, as some pseudo-terminals report) cannot host a spinner that redraws.
  const columns = (io.stderr as { columns?: number }).columns;
  if (io.isTTY && (columns === undefined || columns > 0)) {
    const spinner = ora({
      // Only the process's own stderr is a terminal, and it is a real stream.
      stream: io.stderr as NodeJS.WritableStream,
      isEnabled: true,
      discardStdin: false,
    }).start(label);
    output.wrap((write) => {
      spinner.clear();
      write();
      spinner.render();
    });
    let stopped = false;
    return {
      update: (next) => {
        text = next;
        spinner.text = `${label}: ${text}`;
      },
      stop: () => {
        if (stopped) return;
        stopped = true;
        output.wrap(null);
        spinner.stop();
      },
    };
  }
  const timer = setInterval(() => {
    if (text) output.message(`${label}: ${text}`);
  }, options.intervalMs ?? 5000);
  // A progress line is never a reason to keep the process alive.
  timer.unref();
  return {
    update: (next) => {
      text = next;
    },
    stop: () => clearInterval(timer),
  };
}
