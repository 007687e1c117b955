/**
 * Measures the heap of N tracked jobs, alone in a process started with `--expose-gc`. Argv: the job count and
 * the variant. Sends `{ bytesPerJob }` over IPC and exits.
 *
 * - `refs`: jobs tracked by ref through a stand-in client whose lookups never answer; the tracker's default
 *   16 in flight hang, every other job waits in the queue. Nothing is polled.
 * - `snapshots`: jobs tracked with a create response in hand (a Revor task scheduled a day later), so each entry
 *   also holds that snapshot; the earliest check is tomorrow. Nothing is polled.
 * - `snapshots-alone`: the same snapshots in an array and no tracker, to tell the tracker's share from theirs.
 */
import {
  type AsyncJob,
  type AsyncJobClient,
  type AsyncJobError,
  createAsyncJob,
  createJobRegistry,
  createJobTracker,
  type ProviderFactory,
} from '@asyncjob/core';
import { revorFactory } from '@asyncjob/revor';
import { ok, ResultAsync } from 'neverthrow';

export type S4Variant = 'refs' | 'snapshots' | 'snapshots-alone';

const collect = globalThis.gc;
if (!collect) throw new Error('s4-heap-child needs node --expose-gc');

const count = Number(process.argv[2]);
const variant = process.argv[3] as S4Variant;

const never: AsyncJobClient = {
  provider: 'stand-in',
  pollingAdvice: { defaultDelayMs: 5_000 },
  operations: [],
  get: () => new ResultAsync<AsyncJob, AsyncJobError>(new Promise(() => undefined)),
  submit: () => new ResultAsync<AsyncJob, AsyncJobError>(new Promise(() => undefined)),
  parseId: (id) => ok(id),
};
const standInFactory: ProviderFactory = () => ok(never);

function snapshot(index: number, scheduledAt: Date): AsyncJob {
  const id = `6f1c${String(index).padStart(8, '0')}-4b1e-4c2a-9d3e-5a6b7c8d9e0f`;
  return createAsyncJob({
    provider: 'revor',
    id,
    status: 'scheduled',
    rawStatus: 'scheduled',
    scheduledAt,
    raw: {
      id,
      status: 'scheduled',
      action: 'outreach.dispatch',
      channel: 'email',
      scheduled_at: scheduledAt.toISOString(),
    },
  });
}

function heapUsed(): number {
  collect?.();
  collect?.();
  return process.memoryUsage().heapUsed;
}

const registry = createJobRegistry({
  factories: { revor: revorFactory, 'stand-in': standInFactory },
  configs: [
    { provider: 'revor', apiKey: 'sk-revor-heap', baseUrl: 'http://127.0.0.1:9/api/v1' },
    { provider: 'stand-in', apiKey: 'unused' },
  ],
})._unsafeUnwrap();

const keep: unknown[] = [];
const before = heapUsed();
const tracker = variant === 'snapshots-alone' ? null : createJobTracker(registry);
const tomorrow = new Date(Date.now() + 86_400_000);
for (let index = 0; index < count; index += 1) {
  if (variant === 'refs') tracker?.track(`stand-in:job-${String(index).padStart(8, '0')}`);
  else if (variant === 'snapshots') tracker?.track(snapshot(index, tomorrow));
  else keep.push(snapshot(index, tomorrow));
}
const after = heapUsed();
process.send?.(
  { bytesPerJob: (after - before) / count, tracked: tracker?.size ?? keep.length },
  undefined,
  {},
  () => {
    tracker?.abort();
    process.exit(0);
  },
);
