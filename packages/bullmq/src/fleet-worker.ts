import { randomUUID } from 'node:crypto';
import {
  type AsyncJobError,
  asyncJobError,
  type BackoffOptions,
  backoffDelay,
  configError,
  type ProviderName,
} from '@asyncjob/core';
import { Worker } from 'bullmq';
import { err, errAsync, ok, okAsync, type Result, ResultAsync } from 'neverthrow';
import { queueNameOf, refOfJobId } from './fleet-keys';
import { createProcessor, FleetRedisError, type WorkerCounters } from './fleet-processor';
import type { FleetRuntime } from './fleet-runtime';
import type { FleetWorker, FleetWorkerOptions } from './fleet-types';
import { bullConnectionOf } from './redis-clients';
import { isJobLost, toRedisError } from './redis-error';

/** BullMQ retries a step that failed on Redis after 1 s, 2 s … up to a minute. */
const STEP_RETRY_BACKOFF: BackoffOptions = {
  minDelayMs: 500,
  maxDelayMs: 60_000,
  initialDelayMs: 1000,
  factor: 2,
  jitter: 'full',
  finalCheckLeadMs: 0,
};

/** Without a configured budget, the limiter is this loose: it only has to exist for manual pauses to apply. */
const UNLIMITED = { max: 1_000_000_000, duration: 1000 };

/** Starts one BullMQ worker per provider queue in this process and waits until Redis has answered. */
export function startFleetWorker(
  runtime: FleetRuntime,
  workerOptions: FleetWorkerOptions = {},
): ResultAsync<FleetWorker, AsyncJobError> {
  const { options } = runtime;
  if (runtime.closed.aborted) return errAsync(asyncJobError('aborted', 'The fleet is closed.'));
  const providers = workerOptions.providers ?? options.registry.providers;
  const unknown = providers.find((provider) => options.registry.client(provider).isErr());
  if (unknown !== undefined) {
    return errAsync(
      configError(`Provider "${unknown}" is not configured in this fleet.`, 'providers', unknown),
    );
  }
  const concurrency = workerOptions.concurrency ?? options.concurrency;
  const counters: WorkerCounters = { checks: 0, settled: 0, duplicates: 0, rateLimited: 0, redisErrors: 0 };
  const created = createWorkers(runtime, providers, concurrency, counters);
  if (created.isErr()) return errAsync(created.error);
  const workers = created.value;

  let closing: Promise<void> | null = null;
  const close = (timeoutMs = options.lockDurationMs): Promise<void> => {
    closing ??= closeWorkers(workers, timeoutMs, runtime.commands.status === 'ready').finally(() =>
      unregister(),
    );
    return closing;
  };
  const unregister = runtime.onClose(() => close());
  const fleetWorker: FleetWorker = {
    id: randomUUID(),
    providers,
    stats: () => ({ ...counters }),
    close: (closeOptions = {}) => ResultAsync.fromSafePromise(close(closeOptions.timeoutMs)),
  };
  const connectTimeoutMs = workerOptions.connectTimeoutMs ?? 30_000;
  return ResultAsync.fromSafePromise(waitUntilReady(workers, connectTimeoutMs)).andThen((ready) => {
    if (ready.isOk()) return okAsync(fleetWorker);
    return ResultAsync.fromSafePromise(close(0)).andThen(() => errAsync(ready.error));
  });
}

function createWorkers(
  runtime: FleetRuntime,
  providers: readonly ProviderName[],
  concurrency: number,
  counters: WorkerCounters,
): Result<Worker[], AsyncJobError> {
  const { options } = runtime;
  const workers: Worker[] = [];
  try {
    for (const provider of providers) {
      const budget = options.rateLimits[provider];
      const worker = new Worker(queueNameOf(provider), createProcessor(runtime, provider, counters), {
        connection: bullConnectionOf(options.connection),
        prefix: options.prefix,
        concurrency,
        limiter: budget ? { max: budget.limit, duration: budget.windowMs } : UNLIMITED,
        lockDuration: options.lockDurationMs,
        stalledInterval: options.stalledIntervalMs,
        maxStalledCount: options.maxStalledCount,
        // BullMQ's wait before retrying its own Redis calls (15 s by default) sets how fast work resumes.
        runRetryDelay: 1000,
        settings: {
          backoffStrategy: (attemptsMade: number) =>
            backoffDelay(attemptsMade - 1, STEP_RETRY_BACKOFF, options.random),
        },
      });
      worker.on('error', (error) => {
        if (runtime.closed.aborted) return;
        if (isJobLost(error)) {
          runtime.emit({ type: 'job_lost', provider, message: error.message });
          return;
        }
        counters.redisErrors += 1;
        runtime.emit({
          type: 'redis_error',
          source: 'worker',
          error: toRedisError(error, `run the ${provider} worker`),
        });
      });
      worker.on('failed', (job, error) => {
        if (error instanceof FleetRedisError) counters.redisErrors += 1;
        runtime.emit({
          type: 'job_failed',
          provider,
          jobId: job?.id ?? 'unknown',
          message: `${job?.id ? refOfJobId(job.id) : 'a job'}: ${error.message}`,
        });
      });
      worker.on('stalled', (jobId) => runtime.emit({ type: 'stalled', provider, jobId }));
      workers.push(worker);
    }
    return ok(workers);
  } catch (thrown) {
    for (const worker of workers) void worker.close(true).catch(() => {});
    return err(configError(`The worker could not start: ${String(thrown)}`, 'worker'));
  }
}

async function waitUntilReady(
  workers: readonly Worker[],
  timeoutMs: number,
): Promise<Result<void, AsyncJobError>> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    const outcome = await Promise.race([
      Promise.all(workers.map((worker) => worker.waitUntilReady())),
      timedOut,
    ]);
    if (outcome === 'timeout') {
      return err(
        asyncJobError('network', `Redis did not answer within ${timeoutMs} ms; the worker did not start.`),
      );
    }
    return ok(undefined);
  } catch (thrown) {
    return err(toRedisError(thrown, 'start the worker'));
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Lets the checks in flight finish for up to `timeoutMs`, then stops waiting for them (their locks lapse and
 * another worker takes them over). With Redis away it closes by force at once: a graceful close would wait for
 * Redis to come back.
 */
async function closeWorkers(workers: readonly Worker[], timeoutMs: number, redisUp: boolean): Promise<void> {
  await Promise.all(
    workers.map(async (worker) => {
      let timer: NodeJS.Timeout | undefined;
      const closed = worker.close(!redisUp || timeoutMs <= 0).catch(() => {});
      const deadline = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, Math.max(0, timeoutMs));
      });
      await Promise.race([closed, deadline]);
      clearTimeout(timer);
    }),
  );
}
