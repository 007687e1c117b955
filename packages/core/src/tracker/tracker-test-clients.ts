// Test support: clients whose jobs finish at set times on a manual clock.
import { err, ok, ResultAsync } from 'neverthrow';
import { type AsyncJob, createAsyncJob } from '../async-job';
import type { AsyncJobClient, RequestOptions } from '../async-job-client';
import { type AsyncJobError, asyncJobError } from '../async-job-error';
import type { JobRegistry } from '../job-registry';
import { createJobRegistry } from '../job-registry';
import type { ResponseHints } from '../response-hints';

export interface TimedJob {
  readonly startAt?: number;
  readonly finishAt: number;
  readonly outcome?: 'succeeded' | 'failed';
}

export interface TimedClient extends AsyncJobClient {
  readonly jobs: Map<string, TimedJob>;
  /** Every request: id and time. */
  readonly requests: { id: string; at: number }[];
  /** Answers the next requests with these errors (and hints) first. */
  readonly failNext: { error: AsyncJobError; hints?: Partial<ResponseHints> }[];
  /** Hints added to every successful answer. */
  hints?: Partial<ResponseHints>;
}

export function timedClient(provider: string, now: () => number, defaultDelayMs = 1000): TimedClient {
  const client: TimedClient = {
    provider,
    pollingAdvice: { defaultDelayMs, minDelayMs: 100, maxDelayMs: 30_000 },
    operations: [],
    jobs: new Map(),
    requests: [],
    failNext: [],
    parseId: (id) => ok(id),
    submit: () =>
      ResultAsync.fromSafePromise(Promise.resolve(err(asyncJobError('invalid_request', 'no')))).andThen(
        (r) => r,
      ),
    get: (id: string, options: RequestOptions = {}) => {
      const at = now();
      client.requests.push({ id, at });
      const failure = client.failNext.shift();
      if (failure) {
        options.onResponse?.({
          httpStatus: failure.error.httpStatus ?? 500,
          receivedAt: at,
          ...failure.hints,
        });
        return ResultAsync.fromSafePromise(
          Promise.resolve(err<AsyncJob, AsyncJobError>(failure.error)),
        ).andThen((r) => r);
      }
      options.onResponse?.({ httpStatus: 200, receivedAt: at, ...client.hints });
      const timed = client.jobs.get(id);
      if (!timed) {
        const missing = asyncJobError('not_found', 'no such job', { provider, httpStatus: 404 });
        return ResultAsync.fromSafePromise(Promise.resolve(err<AsyncJob, AsyncJobError>(missing))).andThen(
          (r) => r,
        );
      }
      const status =
        at >= timed.finishAt
          ? (timed.outcome ?? 'succeeded')
          : at >= (timed.startAt ?? 0)
            ? 'running'
            : 'queued';
      const job = createAsyncJob({ provider, id, status, rawStatus: status, result: { id } });
      return ResultAsync.fromSafePromise(Promise.resolve(ok<AsyncJob, AsyncJobError>(job))).andThen((r) => r);
    },
  };
  return client;
}

export function registryOf(...clients: AsyncJobClient[]): JobRegistry {
  const factories = Object.fromEntries(clients.map((client) => [client.provider, () => ok(client)]));
  const configs = clients.map((client) => ({ provider: client.provider, apiKey: 'k' }));
  return createJobRegistry({ factories, configs })._unsafeUnwrap();
}
