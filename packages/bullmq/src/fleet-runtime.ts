import {
  type AsyncJobClient,
  type AsyncJobError,
  type BackoffOptions,
  type ProviderName,
  resolveBackoff,
} from '@asyncjob/core';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { ResultAsync } from 'neverthrow';
import { outcomeKeyOf, queueNameOf, settledStreamKeyOf } from './fleet-keys';
import type { ResolvedFleetOptions } from './fleet-options';
import type { FleetErrorSource, FleetEvent, FleetSettledJob } from './fleet-types';
import { encodeOutcome } from './outcome-codec';
import { assertReady, createFailFastClient } from './redis-clients';
import { toRedisError } from './redis-error';
import { retryRedis } from './redis-retry';
import { defineSettleScript, runSettleScript } from './settle-script';

/** What the producer side, the workers and the settled readers of one process share. */
export interface FleetRuntime {
  readonly options: ResolvedFleetOptions;
  /** The fail-fast client of the fleet's own commands and its queues. */
  readonly commands: Redis;
  /** Aborted when the fleet closes. */
  readonly closed: AbortSignal;
  emit(event: FleetEvent): void;
  subscribe(listener: (event: FleetEvent) => void): () => void;
  /** The provider's queue, once its connection is ready (a queue whose start failed is made again). */
  queue(provider: ProviderName): Promise<Queue>;
  /** A Redis operation retried with backoff; failures are reported as `redis_error` events from `source`. */
  redis<T>(
    source: FleetErrorSource,
    action: string,
    operation: () => Promise<T>,
    maxElapsedMs?: number,
  ): ResultAsync<T, AsyncJobError>;
  /** Records an outcome exactly once; true when this call recorded it. */
  settle(settled: FleetSettledJob, maxElapsedMs?: number): ResultAsync<boolean, AsyncJobError>;
  /** The backoff of a provider's jobs: the fleet's bounds over the provider's advice. */
  backoffOf(client: AsyncJobClient): BackoffOptions;
  /** Registers something to stop when the fleet closes; returns the function that unregisters it. */
  onClose(stop: () => Promise<void>): () => void;
  /** Runs every registered stop, closes the queues and the connection. */
  shutdown(): Promise<void>;
}

/** Opens the fleet's shared connection (it connects, and reconnects, in the background). */
export function createFleetRuntime(options: ResolvedFleetOptions): FleetRuntime {
  const listeners = new Set<(event: FleetEvent) => void>();
  const controller = new AbortController();
  const queues = new Map<ProviderName, Queue>();
  const stops = new Set<() => Promise<void>>();
  const emit = (event: FleetEvent) => {
    options.onEvent?.(event);
    for (const listener of listeners) listener(event);
  };
  const commands = createFailFastClient(options.connection, (error) => {
    if (!controller.signal.aborted) {
      emit({ type: 'redis_error', source: 'connection', error: toRedisError(error, 'stay connected') });
    }
  });
  defineSettleScript(commands);

  const queueOf = (provider: ProviderName): Queue => {
    let queue = queues.get(provider);
    if (!queue) {
      queue = new Queue(queueNameOf(provider), { connection: commands, prefix: options.prefix });
      // The shared connection reports its own errors (above); this listener only keeps them from being thrown.
      queue.on('error', () => {});
      queues.set(provider, queue);
    }
    return queue;
  };

  const redis = <T>(
    source: FleetErrorSource,
    action: string,
    operation: () => Promise<T>,
    maxElapsedMs = options.redisTimeoutMs,
  ) =>
    retryRedis(action, operation, {
      maxElapsedMs,
      signal: controller.signal,
      random: options.random,
      onError: (error) => emit({ type: 'redis_error', source, error }),
    });

  const backoffs = new Map<ProviderName, BackoffOptions>();
  return {
    options,
    commands,
    closed: controller.signal,
    emit,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    queue: async (provider) => {
      assertReady(commands);
      const queue = queueOf(provider);
      try {
        await queue.waitUntilReady();
        return queue;
      } catch (error) {
        // BullMQ keeps a failed start for good: drop the queue so the next attempt makes a new one.
        queues.delete(provider);
        void queue.close().catch(() => {});
        throw error;
      }
    },
    redis,
    settle: (settled, maxElapsedMs) =>
      redis(
        'worker',
        `record the outcome of ${settled.ref}`,
        () => {
          assertReady(commands);
          return runSettleScript(
            commands,
            {
              outcomeKey: outcomeKeyOf(options.prefix, settled.ref),
              streamKey: settledStreamKeyOf(options.prefix),
            },
            encodeOutcome(settled),
            options.outcomeTtlMs,
            settled.ref,
          );
        },
        maxElapsedMs,
      ).map((first) => {
        emit({ type: 'settled', settled, first });
        return first;
      }),
    backoffOf: (client) => {
      let backoff = backoffs.get(client.provider);
      if (!backoff) {
        backoff = resolveBackoff(client.pollingAdvice, options.backoff);
        backoffs.set(client.provider, backoff);
      }
      return backoff;
    },
    onClose: (stop) => {
      stops.add(stop);
      return () => stops.delete(stop);
    },
    shutdown: async () => {
      if (controller.signal.aborted) return;
      controller.abort();
      await Promise.allSettled([...stops].map((stop) => stop()));
      stops.clear();
      await Promise.allSettled([...queues.values()].map((queue) => queue.close()));
      queues.clear();
      listeners.clear();
      await commands.quit().catch(() => commands.disconnect());
    },
  };
}
