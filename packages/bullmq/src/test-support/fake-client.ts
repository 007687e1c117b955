// Test support: a vendor client whose jobs finish at set wall-clock times, with scripted errors and headers.
import {
  type AsyncJob,
  type AsyncJobClient,
  type AsyncJobError,
  asyncJobError,
  createAsyncJob,
  createJobRegistry,
  type JobRegistry,
  type RequestOptions,
  type ResponseHints,
} from '@asyncjob/core';
import { errAsync, ok, okAsync, ResultAsync } from 'neverthrow';

export interface FakeJob {
  /** Epoch ms when it reaches its outcome. */
  readonly finishAt: number;
  readonly outcome?: 'succeeded' | 'failed' | 'cancelled';
}

export interface FakeClient extends AsyncJobClient {
  readonly jobs: Map<string, FakeJob>;
  /** Every request: id and time. */
  readonly requests: { id: string; at: number }[];
  /** The next requests answer with these first. */
  readonly failNext: { error: AsyncJobError; hints?: Partial<ResponseHints> }[];
  /** Hints sent with every successful answer. */
  hints: Partial<ResponseHints> | null;
  /** When set, every request waits for this promise first. */
  hold: Promise<void> | null;
}

export function fakeClient(provider = 'fake'): FakeClient {
  const client: FakeClient = {
    provider,
    pollingAdvice: { defaultDelayMs: 100, minDelayMs: 50, maxDelayMs: 200 },
    operations: [],
    jobs: new Map(),
    requests: [],
    failNext: [],
    hints: null,
    hold: null,
    parseId: (id) => ok(id),
    submit: () => errAsync(asyncJobError('invalid_request', 'not supported', { provider })),
    get: (id: string, options: RequestOptions = {}): ResultAsync<AsyncJob, AsyncJobError> => {
      const answer = (): ResultAsync<AsyncJob, AsyncJobError> => {
        const at = Date.now();
        client.requests.push({ id, at });
        const failure = client.failNext.shift();
        if (failure) {
          options.onResponse?.({
            httpStatus: failure.error.httpStatus ?? 500,
            receivedAt: at,
            ...failure.hints,
          });
          return errAsync(failure.error);
        }
        options.onResponse?.({ httpStatus: 200, receivedAt: at, ...client.hints });
        const planned = client.jobs.get(id);
        if (!planned)
          return errAsync(asyncJobError('not_found', 'no such job', { provider, httpStatus: 404 }));
        const status = at >= planned.finishAt ? (planned.outcome ?? 'succeeded') : 'running';
        return okAsync(createAsyncJob({ provider, id, status, rawStatus: status, result: { id } }));
      };
      if (!client.hold) return answer();
      return ResultAsync.fromSafePromise(client.hold).andThen(answer);
    },
  };
  return client;
}

export function registryOf(...clients: AsyncJobClient[]): JobRegistry {
  const factories = Object.fromEntries(clients.map((client) => [client.provider, () => ok(client)]));
  const configs = clients.map((client) => ({ provider: client.provider, apiKey: 'k' }));
  return createJobRegistry({ factories, configs })._unsafeUnwrap();
}
