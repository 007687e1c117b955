import { readFileSync } from 'node:fs';
import { errAsync, ok, okAsync, type Result, ResultAsync } from 'neverthrow';
import type { AsyncJob } from '../async-job';
import type { AsyncJobClient, PollingAdvice, RequestOptions } from '../async-job-client';
import type { AsyncJobError } from '../async-job-error';
import type { Delay } from '../delay';
import type { ResponseHints } from '../response-hints';

/** Reads a JSON fixture relative to a test file: `loadFixture(import.meta.url, '__fixtures__/x.json')`. */
export function loadFixture<T = unknown>(base: string | URL, path: string): T {
  return JSON.parse(readFileSync(new URL(path, base), 'utf8')) as T;
}

/** A clock tests move by hand; `delay` advances it instead of waiting. */
export interface FakeClock {
  now(): number;
  advance(ms: number): void;
  /** A delay that moves this clock and resolves at once (or at once on abort). */
  readonly delay: Delay & { readonly calls: number[] };
}

/** A fake clock starting at `start` (epoch ms). */
export function createFakeClock(start = Date.parse('2026-05-20T10:00:00.000Z')): FakeClock {
  let current = start;
  const calls: number[] = [];
  const delay = Object.assign(
    async (ms: number, signal?: AbortSignal) => {
      calls.push(ms);
      if (signal?.aborted) return;
      current += ms;
    },
    { calls },
  );
  return {
    now: () => current,
    advance: (ms) => {
      current += ms;
    },
    delay,
  };
}

/** A delay that resolves at once without moving any clock. */
export const instantDelay: Delay = async () => {};

/** One scripted answer of a fake client: a snapshot, an error, or a function of the request. */
export type ScriptedStep<TResult> =
  | AsyncJob<TResult>
  | AsyncJobError
  | {
      readonly job?: AsyncJob<TResult>;
      readonly error?: AsyncJobError;
      readonly hints?: Partial<ResponseHints>;
    }
  | ((
      options: RequestOptions,
    ) => Result<AsyncJob<TResult>, AsyncJobError> | Promise<Result<AsyncJob<TResult>, AsyncJobError>>);

/** A client whose `get` answers from a script, one step per call; the last step repeats. */
export interface ScriptedClient<TResult> extends AsyncJobClient<TResult> {
  /** The options of every `get`, in order. */
  readonly calls: RequestOptions[];
}

/** Builds a scripted client for poller tests. */
export function scriptedClient<TResult = unknown>(
  steps: readonly ScriptedStep<TResult>[],
  options: { provider?: string; pollingAdvice?: PollingAdvice } = {},
): ScriptedClient<TResult> {
  const calls: RequestOptions[] = [];
  const provider = options.provider ?? 'acme';
  const client: ScriptedClient<TResult> = {
    provider,
    pollingAdvice: options.pollingAdvice ?? { defaultDelayMs: 1000 },
    operations: [],
    calls,
    parseId: (id) => ok(id),
    submit: () => errAsync({ kind: 'invalid_request', provider, message: 'not scripted', retryable: false }),
    get: (_id, requestOptions = {}): ResultAsync<AsyncJob<TResult>, AsyncJobError> => {
      calls.push(requestOptions);
      const step = steps[Math.min(calls.length - 1, steps.length - 1)];
      return answer(step, requestOptions);
    },
  };
  return client;
}

function answer<TResult>(
  step: ScriptedStep<TResult> | undefined,
  requestOptions: RequestOptions,
): ResultAsync<AsyncJob<TResult>, AsyncJobError> {
  if (step === undefined) throw new Error('scriptedClient needs at least one step');
  if (typeof step === 'function') {
    return new ResultAsync(Promise.resolve().then(() => step(requestOptions)));
  }
  if ('kind' in step) return errAsync(step);
  if ('ref' in step) return okAsync(step);
  if (step.hints) {
    requestOptions.onResponse?.({ httpStatus: step.error?.httpStatus ?? 200, receivedAt: 0, ...step.hints });
  }
  if (step.error) return errAsync(step.error);
  if (step.job) return okAsync(step.job);
  throw new Error('scripted step needs a job or an error');
}

/** A clock with timers that fire only when the test advances it: for the tracker's scheduler. */
export interface ManualClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** Timers not yet fired. */
  pendingTimers(): number;
  /** Moves time forward by `ms`, firing due timers in order and letting promises settle after each. */
  advance(ms: number): Promise<void>;
  /** Advances in steps until `done()` is true or `limitMs` has passed; returns the time spent. */
  runUntil(done: () => boolean, limitMs?: number): Promise<number>;
}

/** A manual clock starting at `start` (epoch ms). */
export function createManualClock(start = Date.parse('2026-05-20T10:00:00.000Z')): ManualClock {
  let current = start;
  let sequence = 0;
  const timers = new Map<number, { at: number; callback: () => void }>();
  const flush = async () => {
    for (let round = 0; round < 5; round += 1) await new Promise<void>((resolve) => setImmediate(resolve));
  };
  const clock: ManualClock = {
    now: () => current,
    setTimeout: (callback, ms) => {
      sequence += 1;
      timers.set(sequence, { at: current + Math.max(0, ms), callback });
      return sequence;
    },
    clearTimeout: (handle) => {
      timers.delete(handle as number);
    },
    pendingTimers: () => timers.size,
    advance: async (ms) => {
      const until = current + ms;
      await flush();
      for (;;) {
        const due = [...timers.entries()]
          .filter(([, timer]) => timer.at <= until)
          .sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        current = Math.max(current, due[1].at);
        due[1].callback();
        await flush();
      }
      current = until;
      await flush();
    },
    runUntil: async (done, limitMs = 24 * 3_600_000) => {
      const started = current;
      await flush();
      while (!done() && current - started < limitMs) {
        const next = [...timers.values()].reduce(
          (soonest, timer) => Math.min(soonest, timer.at),
          Number.POSITIVE_INFINITY,
        );
        if (!Number.isFinite(next)) break;
        await clock.advance(Math.max(0, next - current));
      }
      return current - started;
    },
  };
  return clock;
}
