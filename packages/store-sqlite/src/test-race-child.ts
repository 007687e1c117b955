// Test support, run as its own process: opens a store file (migrating it if new), records the refs, waits for a
// common start time, then tries to settle every ref. Prints the refs it won as one JSON line.
import { createAsyncJob, jobToJson } from '@asyncjob/core';
import { openSqliteStore } from './open-sqlite-store';
import { trackedState } from './test-helpers';

const [path = '', name = '', countText = '0', startAtText = '0', order = 'forward'] = process.argv.slice(2);
const refs = Array.from({ length: Number(countText) }, (_, index) => `revor:job-${index}`);
if (order === 'backward') refs.reverse();

const opened = openSqliteStore(path, { busyTimeoutMs: 10_000 });
if (opened.isErr()) {
  process.stdout.write(`${JSON.stringify({ error: opened.error })}\n`);
  process.exit(1);
}
const store = opened.value;
for (const ref of refs) await store.put(trackedState(ref));
while (Date.now() < Number(startAtText)) {
  // Spin until the common start, so both processes contend for the same rows.
}
const won: string[] = [];
for (const ref of refs) {
  const id = ref.slice('revor:'.length);
  const job = createAsyncJob({
    provider: 'revor',
    id,
    status: 'succeeded',
    rawStatus: 'succeeded',
    result: { winner: name },
  });
  const settled = await store.markSettled(ref, { type: 'job', job: jobToJson(job) }, Date.now());
  if (settled.isErr()) {
    process.stdout.write(`${JSON.stringify({ error: settled.error })}\n`);
    process.exit(1);
  }
  if (settled.value) won.push(ref);
  // A tracker does other work between two writes; without a pause one process could hold the lock throughout.
  await new Promise((resolve) => setTimeout(resolve, Math.random() * 2));
}
await store.close();
process.stdout.write(`${JSON.stringify({ won })}\n`);
