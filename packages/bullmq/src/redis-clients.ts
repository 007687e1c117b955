import type { ConnectionOptions } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';
import type { FleetConnection } from './fleet-types';

/** Reconnects after 200 ms, 400 ms … up to every 3 s, for as long as Redis is away (never gives up). */
export function defaultRetryStrategy(times: number): number {
  return Math.min(200 * times, 3000);
}

interface ConnectionParts {
  readonly url?: string;
  readonly options: RedisOptions;
}

function partsOf(connection: FleetConnection): ConnectionParts {
  return typeof connection === 'string' ? { url: connection, options: {} } : { options: connection };
}

/** What BullMQ's workers connect with (BullMQ sets `maxRetriesPerRequest: null` on them itself). */
export function bullConnectionOf(connection: FleetConnection): ConnectionOptions {
  const { url, options } = partsOf(connection);
  return { retryStrategy: defaultRetryStrategy, ...options, ...(url ? { url } : {}) } as ConnectionOptions;
}

/**
 * A client for the fleet's own commands and its queues. It fails fast while Redis is away (no offline queue, one
 * try per request, a command timeout) so every caller can turn the failure into a typed error and back off,
 * instead of hanging; it keeps reconnecting in the background.
 */
export function createFailFastClient(
  connection: FleetConnection,
  onError: (error: Error) => void,
  overrides: RedisOptions = {},
): Redis {
  const { url, options } = partsOf(connection);
  const merged: RedisOptions = {
    retryStrategy: defaultRetryStrategy,
    commandTimeout: 5000,
    ...options,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    ...overrides,
  };
  const client = url ? new Redis(url, merged) : new Redis(merged);
  // Without a listener, an 'error' event would be thrown and end the process.
  client.on('error', onError);
  return client;
}

/** Throws when the client is not connected, so the caller retries instead of queueing a command. */
export function assertReady(client: Redis): void {
  if (client.status !== 'ready') throw new Error(`the connection is not ready (${client.status})`);
}
