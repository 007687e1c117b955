import {
  type AsyncJob,
  type AsyncJobClient,
  type AsyncJobError,
  asyncJobError,
  type ProviderName,
  type ResponseHints,
} from '@asyncjob/core';
import { DelayedError, type Job, UnrecoverableError, Worker } from 'bullmq';
import { err, type Result, ResultAsync } from 'neverthrow';
import { type FleetJobData, parseJobData } from './fleet-job-data';
import { outcomeKeyOf } from './fleet-keys';
import type { FleetRuntime } from './fleet-runtime';
import { decideStep, type KeyPause } from './fleet-step';
import type { FleetSettledJob } from './fleet-types';
import { assertReady } from './redis-clients';
import { isJobLost } from './redis-error';

/** The counters a worker keeps. */
export interface WorkerCounters {
  checks: number;
  settled: number;
  duplicates: number;
  rateLimited: number;
  redisErrors: number;
}

/** Carries a Redis failure out of the processor, so BullMQ retries the job (its own backoff, or stall recovery). */
export class FleetRedisError extends Error {
  readonly error: AsyncJobError;

  constructor(error: AsyncJobError) {
    super(error.message);
    this.name = 'FleetRedisError';
    this.error = error;
  }
}

/** What a processed job returns to BullMQ (it is removed at once; kept for tests and logs). */
export interface StepSummary {
  readonly ref: string;
  /** False when the ref had already been settled (by a worker that died before finishing the job). */
  readonly first: boolean;
}

/**
 * The BullMQ processor of one provider's queue. Each run is one check: it looks the job up once, then settles
 * it (exactly once, through the settle script) or moves it back to the delayed set for the next check, or, on a
 * 429, pauses every worker of the provider and hands the job back to the queue. It throws only what BullMQ
 * expects: `DelayedError`, the rate-limit error, and a `FleetRedisError` when Redis stayed away too long.
 */
export function createProcessor(runtime: FleetRuntime, provider: ProviderName, counters: WorkerCounters) {
  const { options } = runtime;
  // A step must finish its Redis writes while it still holds the job's lock.
  const stepRedisMs = Math.min(options.redisTimeoutMs, Math.max(1000, options.lockDurationMs / 2));
  const redis = async <T>(action: string, operation: () => Promise<T>): Promise<T> => {
    const result = await runtime.redis('worker', action, operation, stepRedisMs);
    if (result.isErr()) throw new FleetRedisError(result.error);
    return result.value;
  };

  /**
   * A write to the job itself. False when BullMQ says this worker no longer holds it (its lock lapsed while
   * Redis was away, or a retried write had in fact gone through): then the job is someone else's to move.
   */
  const whileHeld = async (action: string, operation: () => Promise<unknown>): Promise<boolean> => {
    const held = await redis(action, async () => {
      try {
        await operation();
        return true;
      } catch (thrown) {
        if (isJobLost(thrown)) return false;
        throw thrown;
      }
    });
    if (!held)
      runtime.emit({ type: 'job_lost', provider, message: `${action}: the job is no longer held here` });
    return held;
  };

  const settle = async (
    data: FleetJobData,
    result: Result<AsyncJob, AsyncJobError>,
  ): Promise<StepSummary> => {
    const settled: FleetSettledJob = {
      ref: data.ref,
      provider,
      operation: data.operation,
      result,
      trackedAt: new Date(data.trackedAt),
      settledAt: new Date(options.now()),
      checks: data.checks,
    };
    const recorded = await runtime.settle(settled, stepRedisMs);
    if (recorded.isErr()) throw new FleetRedisError(recorded.error);
    if (recorded.value) counters.settled += 1;
    else counters.duplicates += 1;
    return { ref: data.ref, first: recorded.value };
  };

  const pauseKey = async (pause: KeyPause): Promise<void> => {
    counters.rateLimited += 1;
    runtime.emit({ type: 'rate_limited', provider, ...pause });
    // Best effort: a pause that cannot be written only costs a few more 429s.
    await runtime.redis(
      'worker',
      `pause ${provider}`,
      async () => {
        const queue = await runtime.queue(provider);
        // Only lengthen a pause: a short Retry-After must not cut short a window another worker saw exhausted.
        const current = await queue.getRateLimitTtl(Number.MAX_SAFE_INTEGER);
        if (current < pause.pauseMs) await queue.rateLimit(pause.pauseMs);
      },
      stepRedisMs,
    );
  };

  return async (job: Job, token?: string): Promise<StepSummary> => {
    const parsed = parseJobData(job.data);
    if (parsed.isErr()) throw new UnrecoverableError(parsed.error.message);
    const data = parsed.value;
    const alreadySettled = await redis(`look up the outcome of ${data.ref}`, () => {
      assertReady(runtime.commands);
      return runtime.commands.exists(outcomeKeyOf(options.prefix, data.ref));
    });
    if (alreadySettled > 0) {
      counters.duplicates += 1;
      return { ref: data.ref, first: false };
    }
    const resolved = options.registry.resolve(data.ref);
    if (resolved.isErr()) return settle(data, err(resolved.error));
    const { client, id } = resolved.value;
    let hints: ResponseHints | null = null;
    counters.checks += 1;
    const result = await checkOnce(client, id, (received) => {
      hints = received;
    });
    const decision = decideStep({
      data,
      provider,
      id,
      result,
      hints,
      backoff: runtime.backoffOf(client),
      now: options.now(),
      random: options.random,
    });
    if (decision.pause) await pauseKey(decision.pause);
    switch (decision.kind) {
      case 'settle':
        return settle(decision.data, decision.result);
      case 'delay': {
        if (result.isErr()) runtime.emit({ type: 'retry', ref: data.ref, error: result.error });
        else runtime.emit({ type: 'checked', ref: data.ref, job: result.value, delayMs: decision.delayMs });
        const dueAt = Date.now() + decision.delayMs;
        if (await whileHeld(`save the state of ${data.ref}`, () => job.updateData(decision.data))) {
          await whileHeld(`delay ${data.ref}`, () => job.moveToDelayed(dueAt, token));
        }
        // Delayed by this worker, or (when its hold lapsed) already in another worker's hands: BullMQ leaves it.
        throw new DelayedError();
      }
      case 'rate_limited':
        if (result.isErr()) runtime.emit({ type: 'retry', ref: data.ref, error: result.error });
        if (!(await whileHeld(`save the state of ${data.ref}`, () => job.updateData(decision.data)))) {
          throw new DelayedError();
        }
        // BullMQ moves the job back to the queue and every worker of the provider waits out the pause.
        throw Worker.RateLimitError();
    }
  };
}

/** One lookup; an adapter that throws instead of returning an `Err` must not take the worker down. */
function checkOnce(
  client: AsyncJobClient,
  id: string,
  onResponse: (hints: ResponseHints) => void,
): ResultAsync<AsyncJob, AsyncJobError> {
  return ResultAsync.fromPromise(
    Promise.resolve().then(() => client.get(id, { onResponse })),
    (thrown) =>
      asyncJobError('network', `The adapter failed: ${String(thrown)}`, { provider: client.provider }),
  ).andThen((result) => result);
}
