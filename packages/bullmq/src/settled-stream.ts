import { randomUUID } from 'node:crypto';
import { asyncJobError, backoffDelay, timerDelay } from '@asyncjob/core';
import type { Redis } from 'ioredis';
import { settledStreamKeyOf } from './fleet-keys';
import type { FleetRuntime } from './fleet-runtime';
import type { FleetSettledJob, SettledOptions } from './fleet-types';
import { decodeOutcome } from './outcome-codec';
import { assertReady, createFailFastClient } from './redis-clients';
import { isMissingGroup, toRedisError } from './redis-error';
import { REDIS_BACKOFF } from './redis-retry';

type StreamEntry = readonly [id: string, fields: readonly string[]];

/**
 * Reads the settled stream as one consumer of a Redis consumer group, so each outcome goes to one consumer of
 * the group. An entry is acknowledged once the caller asks for the next one (or stops); an entry handed to a
 * consumer that died unacknowledged is claimed by another after `claimIdleMs`. Redis errors are reported as
 * events and retried with backoff; a group lost with Redis's data is made again. Never throws.
 */
export async function* readSettled(
  runtime: FleetRuntime,
  options: SettledOptions = {},
): AsyncGenerator<FleetSettledJob, void, undefined> {
  const group = options.group ?? 'default';
  const consumer = options.consumer ?? randomUUID();
  const batchSize = options.batchSize ?? 50;
  const blockMs = options.blockMs ?? 2000;
  const claimIdleMs = options.claimIdleMs ?? 60_000;
  const stream = settledStreamKeyOf(runtime.options.prefix);
  const controller = new AbortController();
  const stop = () => controller.abort();
  options.signal?.addEventListener('abort', stop, { once: true });
  runtime.closed.addEventListener('abort', stop, { once: true });
  if (options.signal?.aborted || runtime.closed.aborted) stop();
  const signal = controller.signal;
  const client = createFailFastClient(runtime.options.connection, () => {}, {
    commandTimeout: blockMs + 5000,
  });
  // Closing the connection ends a blocked read at once.
  const disconnect = () => client.disconnect();
  signal.addEventListener('abort', disconnect, { once: true });
  const report = (thrown: unknown, action: string) => {
    if (!signal.aborted) {
      runtime.emit({ type: 'redis_error', source: 'settled', error: toRedisError(thrown, action) });
    }
  };
  const ack = async (id: string) => {
    const acked = await runtime.redis('settled', 'acknowledge a settled job', async () => {
      assertReady(runtime.commands);
      await runtime.commands.xack(stream, group, id);
    });
    // Unacknowledged, the entry is claimed again after claimIdleMs: delivered twice rather than lost.
    return acked.isOk();
  };

  let groupReady = false;
  let failures = 0;
  let claimAt = 0;
  let unacked: string | null = null;
  // After a dropped connection, Redis may have handed this consumer entries whose reply never arrived: they sit
  // in its own pending list, and are read back first (`0`) before new ones. Entries already given to the
  // handler whose acknowledgement failed are only acknowledged then, not given twice.
  let readOwnPending = true;
  const handedUnacked = new Set<string>();
  try {
    while (!signal.aborted) {
      let entries: StreamEntry[];
      try {
        await readyOrTimeout(client, blockMs, signal);
        assertReady(client);
        if (!groupReady) {
          await createGroup(client, stream, group);
          groupReady = true;
        }
        entries = [];
        if (Date.now() >= claimAt) {
          const claimed = await claimStale(client, stream, group, consumer, claimIdleMs, batchSize);
          entries = claimed.entries;
          claimAt = claimed.more ? 0 : Date.now() + Math.max(1000, claimIdleMs / 2);
        }
        if (entries.length === 0 && readOwnPending) {
          entries = await readNew(client, stream, group, consumer, batchSize, blockMs, '0');
          if (entries.length === 0) readOwnPending = false;
        }
        if (entries.length === 0) {
          entries = await readNew(client, stream, group, consumer, batchSize, blockMs);
        }
        failures = 0;
      } catch (thrown) {
        if (signal.aborted) break;
        readOwnPending = true;
        if (isMissingGroup(thrown)) groupReady = false;
        else report(thrown, 'read settled jobs');
        await timerDelay(backoffDelay(failures, REDIS_BACKOFF, runtime.options.random), signal);
        failures += 1;
        continue;
      }
      for (const [id, fields] of entries) {
        if (handedUnacked.has(id)) {
          if (await ack(id)) handedUnacked.delete(id);
          continue;
        }
        const decoded = decodeOutcome(fieldOf(fields, 'outcome') ?? '');
        if (decoded.isOk()) {
          unacked = id;
          yield decoded.value;
          unacked = null;
        } else {
          runtime.emit({
            type: 'redis_error',
            source: 'settled',
            error: asyncJobError('invalid_response', `Settled entry ${id}: ${decoded.error.message}`),
          });
        }
        if (!(await ack(id))) {
          handedUnacked.add(id);
          readOwnPending = true;
        }
      }
    }
  } finally {
    if (unacked !== null) await ack(unacked);
    options.signal?.removeEventListener('abort', stop);
    runtime.closed.removeEventListener('abort', stop);
    signal.removeEventListener('abort', disconnect);
    client.disconnect();
  }
}

/** Waits (without reporting) while a connection is still being made; Redis being away shows as an error after. */
async function readyOrTimeout(client: Redis, timeoutMs: number, signal: AbortSignal): Promise<void> {
  if (client.status !== 'connecting' && client.status !== 'connect' && client.status !== 'wait') return;
  const controller = new AbortController();
  const done = () => controller.abort();
  client.once('ready', done);
  signal.addEventListener('abort', done, { once: true });
  await timerDelay(timeoutMs, controller.signal);
  client.off('ready', done);
  signal.removeEventListener('abort', done);
}

async function createGroup(client: Redis, stream: string, group: string): Promise<void> {
  try {
    // From the start of the stream: outcomes settled before the first reader are delivered too.
    await client.xgroup('CREATE', stream, group, '0', 'MKSTREAM');
  } catch (thrown) {
    if (!(thrown instanceof Error && thrown.message.startsWith('BUSYGROUP'))) throw thrown;
  }
}

async function readNew(
  client: Redis,
  stream: string,
  group: string,
  consumer: string,
  count: number,
  blockMs: number,
  from: '>' | '0' = '>',
): Promise<StreamEntry[]> {
  // `>`: entries never delivered to the group; `0`: this consumer's own delivered but unacknowledged ones.
  const block = from === '>' ? ['BLOCK', String(blockMs)] : [];
  const reply = await client.call(
    'XREADGROUP',
    'GROUP',
    group,
    consumer,
    'COUNT',
    String(count),
    ...block,
    'STREAMS',
    stream,
    from,
  );
  if (!Array.isArray(reply)) return [];
  return reply.flatMap((streamReply) =>
    Array.isArray(streamReply) && Array.isArray(streamReply[1]) ? entriesOf(streamReply[1]) : [],
  );
}

async function claimStale(
  client: Redis,
  stream: string,
  group: string,
  consumer: string,
  minIdleMs: number,
  count: number,
): Promise<{ entries: StreamEntry[]; more: boolean }> {
  const reply = await client.call(
    'XAUTOCLAIM',
    stream,
    group,
    consumer,
    String(minIdleMs),
    '0-0',
    'COUNT',
    String(count),
  );
  if (!Array.isArray(reply)) return { entries: [], more: false };
  const [cursor, claimed] = reply as [unknown, unknown];
  return {
    entries: Array.isArray(claimed) ? entriesOf(claimed) : [],
    more: typeof cursor === 'string' && cursor !== '0-0',
  };
}

/** Entries of a stream reply; entries deleted by trimming come back empty and are skipped. */
function entriesOf(raw: readonly unknown[]): StreamEntry[] {
  return raw.flatMap((entry) => {
    if (!Array.isArray(entry) || typeof entry[0] !== 'string' || !Array.isArray(entry[1])) return [];
    return [[entry[0], entry[1].map(String)] as const];
  });
}

function fieldOf(fields: readonly string[], name: string): string | undefined {
  for (let index = 0; index + 1 < fields.length; index += 2) {
    if (fields[index] === name) return fields[index + 1];
  }
  return undefined;
}
