// Test support: temporary store files, tracked-job states and a small fake vendor client.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type AsyncJob,
  type AsyncJobClient,
  type AsyncJobError,
  asyncJobError,
  createAsyncJob,
  createJobRegistry,
  type JobRegistry,
  type TrackedJobState,
} from '@asyncjob/core';
import { errAsync, ok, okAsync, type ResultAsync } from 'neverthrow';

export const T0 = Date.parse('2026-05-20T10:00:00.000Z');

/** A fresh temporary directory; `cleanup()` removes it with everything in it. */
export function tempDir(): { dir: string; file: (name?: string) => string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'asyncjob-store-'));
  return {
    dir,
    file: (name = 'jobs.db') => join(dir, name),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A tracked-job state as the tracker writes it. */
export function trackedState(ref: string, overrides: Partial<TrackedJobState> = {}): TrackedJobState {
  return {
    ref,
    operation: 'default',
    status: null,
    rawStatus: null,
    trackedAt: T0,
    deadline: T0 + 3_600_000,
    dueAt: T0,
    phaseSince: T0,
    attempt: 0,
    scheduledAt: null,
    nextAttemptAt: null,
    ...overrides,
  };
}

/** A job of the fake vendor: queued until `startAt`, running until `finishAt`, then `outcome`. */
export interface FakeJob {
  readonly startAt: number;
  readonly finishAt: number;
  readonly outcome: 'succeeded' | 'failed';
}

/** A vendor client whose jobs follow a clock; it counts every lookup per id. */
export interface FakeClient extends AsyncJobClient {
  readonly jobs: Map<string, FakeJob>;
  readonly lookups: Map<string, number>;
}

export function fakeClient(provider: string, now: () => number): FakeClient {
  const jobs = new Map<string, FakeJob>();
  const lookups = new Map<string, number>();
  return {
    provider,
    pollingAdvice: { defaultDelayMs: 1000, minDelayMs: 500, maxDelayMs: 5000 },
    operations: [],
    jobs,
    lookups,
    parseId: (id) => ok(id),
    submit: () =>
      errAsync(asyncJobError('invalid_request', 'The fake vendor creates no jobs.', { provider })),
    get: (id): ResultAsync<AsyncJob, AsyncJobError> => {
      lookups.set(id, (lookups.get(id) ?? 0) + 1);
      const job = jobs.get(id);
      if (!job) return errAsync(asyncJobError('not_found', `No job ${id}.`, { provider, httpStatus: 404 }));
      const at = now();
      const status = at >= job.finishAt ? job.outcome : at >= job.startAt ? 'running' : 'queued';
      return okAsync(
        createAsyncJob({
          provider,
          id,
          status,
          rawStatus: status,
          result: { id },
          ...(status === 'failed'
            ? { failure: { code: 'boom', message: 'It failed.', retryable: false } }
            : {}),
          finishedAt: status === job.outcome ? new Date(job.finishAt) : null,
        }),
      );
    },
  };
}

/** A registry over fake clients. */
export function registryOf(...clients: AsyncJobClient[]): JobRegistry {
  const factories = Object.fromEntries(clients.map((client) => [client.provider, () => ok(client)]));
  const configs = clients.map((client) => ({ provider: client.provider, apiKey: 'test-key' }));
  return createJobRegistry({ factories, configs })._unsafeUnwrap();
}
