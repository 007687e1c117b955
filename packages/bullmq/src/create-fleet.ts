import {
  type AsyncJob,
  type AsyncJobError,
  abortedError,
  configError,
  type ProviderName,
  type TrackOptions,
} from '@asyncjob/core';
import { err, errAsync, ok, type Result, ResultAsync } from 'neverthrow';
import { initialJobData } from './fleet-job-data';
import { jobIdOf, outcomeKeyOf } from './fleet-keys';
import { type ResolvedFleetOptions, resolveFleetOptions } from './fleet-options';
import { createFleetRuntime, type FleetRuntime } from './fleet-runtime';
import { planFirstCheck } from './fleet-step';
import type {
  Fleet,
  FleetOptions,
  FleetQueueCounts,
  FleetSettledJob,
  FleetTrackReceipt,
} from './fleet-types';
import { startFleetWorker } from './fleet-worker';
import { decodeOutcome } from './outcome-codec';
import { assertReady } from './redis-clients';
import { toRedisError } from './redis-error';
import { readSettled } from './settled-stream';

/** Job options of every tracked ref. */
function jobOptionsOf(options: ResolvedFleetOptions) {
  return {
    // The outcome key keeps a settled ref from being tracked again; the finished BullMQ job is not needed.
    removeOnComplete: true,
    removeOnFail: { age: Math.ceil(options.outcomeTtlMs / 1000) },
    // A step fails only when Redis stayed away; BullMQ retries it with the worker's backoff, practically forever.
    attempts: 1_000_000,
    backoff: { type: 'asyncjob' },
  };
}

/**
 * Creates a fleet: tracking spread over many processes on BullMQ and Redis. Every process of the fleet (those
 * that track, those that run workers, those that read outcomes) creates one with the same options. It connects
 * in the background: while Redis is away, calls return typed `network` errors after retrying with backoff.
 */
export function createFleet(options: FleetOptions): Result<Fleet, AsyncJobError> {
  const resolved = resolveFleetOptions(options);
  if (resolved.isErr()) return err(resolved.error);
  try {
    return ok(fleetOf(createFleetRuntime(resolved.value)));
  } catch (thrown) {
    // ioredis throws at once on options it cannot use (a URL it cannot parse, say).
    return err(configError(`The Redis connection options are not usable: ${String(thrown)}`, 'connection'));
  }
}

function fleetOf(runtime: FleetRuntime): Fleet {
  const { options } = runtime;
  const jobOptions = jobOptionsOf(options);
  const readers = new Set<AbortController>();

  const settleNow = (settled: FleetSettledJob) =>
    runtime
      .settle(settled)
      .map((first): FleetTrackReceipt['status'] => (first ? 'settled' : 'already_settled'));

  const track = (target: string | AsyncJob, trackOptions: TrackOptions = {}) => {
    if (runtime.closed.aborted) return errAsync<FleetTrackReceipt, AsyncJobError>(abortedError());
    const ref = typeof target === 'string' ? target : target.ref;
    const resolvedRef = options.registry.resolve(ref);
    if (resolvedRef.isErr()) return errAsync<FleetTrackReceipt, AsyncJobError>(resolvedRef.error);
    const { provider, id, client } = resolvedRef.value;
    const now = options.now();
    const timeoutMs = trackOptions.timeoutMs ?? options.timeoutMs;
    const deadline =
      trackOptions.deadline !== undefined
        ? new Date(trackOptions.deadline).getTime()
        : Number.isFinite(timeoutMs)
          ? now + timeoutMs
          : null;
    const job = typeof target === 'string' ? null : target;
    const operation = trackOptions.operation ?? 'default';
    const receipt = (status: FleetTrackReceipt['status']): FleetTrackReceipt => ({
      ref,
      jobId: jobIdOf(ref),
      provider,
      status,
    });
    let data = initialJobData({ ref, operation, now, deadline, job });
    const settledOf = (result: FleetSettledJob['result']): FleetSettledJob => ({
      ref,
      provider,
      operation,
      result,
      trackedAt: new Date(now),
      settledAt: new Date(now),
      checks: 0,
    });
    if (job?.terminal) return settleNow(settledOf(ok(job))).map(receipt);
    let delayMs = 0;
    if (job) {
      const first = planFirstCheck({
        data,
        provider,
        id,
        backoff: runtime.backoffOf(client),
        now,
        random: options.random,
      });
      if (first.kind === 'settle') return settleNow(settledOf(first.result)).map(receipt);
      if (first.kind === 'delay') {
        delayMs = first.delayMs;
        data = first.data;
      }
    }
    return runtime
      .redis('track', `track ${ref}`, async () => {
        const queue = await runtime.queue(provider);
        const jobId = jobIdOf(ref);
        const found = await runtime.commands
          .multi()
          .exists(outcomeKeyOf(options.prefix, ref))
          .exists(queue.toKey(jobId))
          .exec();
        if (!found) throw new Error('the existence check was discarded');
        const [[settledError, settledCount], [jobError, jobCount]] = found as [
          [Error | null, number],
          [Error | null, number],
        ];
        if (settledError || jobError) throw settledError ?? jobError;
        if (settledCount > 0) return 'already_settled' as const;
        if (jobCount > 0) return 'already_tracked' as const;
        // Adding an id that exists is a no-op in BullMQ, so two processes tracking one ref still make one job.
        await queue.add(operation, data, { ...jobOptions, jobId, delay: delayMs });
        return 'tracked' as const;
      })
      .map(receipt);
  };

  const outcome = (ref: string): ResultAsync<FleetSettledJob | null, AsyncJobError> =>
    runtime
      .redis('outcome', `read the outcome of ${ref}`, () => {
        assertReady(runtime.commands);
        return runtime.commands.get(outcomeKeyOf(options.prefix, ref));
      })
      .andThen(
        (text): Result<FleetSettledJob | null, AsyncJobError> =>
          text === null ? ok(null) : decodeOutcome(text),
      );

  const counts = () =>
    runtime.redis('counts', 'count the jobs', async () => {
      const entries = await Promise.all(
        options.registry.providers.map(async (provider): Promise<[ProviderName, FleetQueueCounts]> => {
          const queue = await runtime.queue(provider);
          const counted = await queue.getJobCounts(
            'waiting',
            'delayed',
            'active',
            'prioritized',
            'completed',
            'failed',
          );
          return [
            provider,
            {
              waiting: counted.waiting ?? 0,
              delayed: counted.delayed ?? 0,
              active: counted.active ?? 0,
              prioritized: counted.prioritized ?? 0,
              completed: counted.completed ?? 0,
              failed: counted.failed ?? 0,
            },
          ];
        }),
      );
      return Object.fromEntries(entries) as Record<ProviderName, FleetQueueCounts>;
    });

  return {
    prefix: options.prefix,
    providers: options.registry.providers,
    track,
    outcome,
    settled: (settledOptions) => readSettled(runtime, settledOptions),
    onSettled: (handler, settledOptions = {}) => {
      const controller = new AbortController();
      readers.add(controller);
      const run = async () => {
        for await (const settled of readSettled(runtime, { ...settledOptions, signal: controller.signal })) {
          try {
            await handler(settled);
          } catch (cause) {
            runtime.emit({ type: 'handler_error', ref: settled.ref, cause });
          }
        }
      };
      void run()
        .catch((thrown: unknown) =>
          runtime.emit({
            type: 'redis_error',
            source: 'settled',
            error: toRedisError(thrown, 'read settled jobs'),
          }),
        )
        .finally(() => readers.delete(controller));
      return () => controller.abort();
    },
    startWorker: (workerOptions) => startFleetWorker(runtime, workerOptions),
    counts,
    subscribe: (listener) => runtime.subscribe(listener),
    close: () => {
      for (const reader of readers) reader.abort();
      // Shutting down never rejects: every step is settled or caught.
      return ResultAsync.fromSafePromise<void, AsyncJobError>(runtime.shutdown());
    },
  };
}
