// One tracking process of the crash test, run as `node --import tsx crash-child.ts`.
// DURABLE_MODE=create: creates DURABLE_JOBS jobs across the configured vendors, tracking each with trackCreated.
// DURABLE_MODE=resume: continues every unsettled job recorded in the store, then prints a summary and exits.
// Vendors come from the usual environment variables (configFromEnv). Each settle handler call appends one
// JSON line to DURABLE_LOG; progress goes to stdout as JSON lines.
import { appendFileSync } from 'node:fs';
import {
  type AsyncJob,
  type AsyncJobClient,
  type AsyncJobError,
  configFromEnv,
  createJobRegistry,
  createJobTracker,
  type SettledJob,
} from '@asyncjob/core';
import { orationFactory } from '@asyncjob/oration';
import { outxFactory } from '@asyncjob/outx';
import { revkeenFactory } from '@asyncjob/revkeen';
import { revorFactory } from '@asyncjob/revor';
import { openSqliteStore } from '@asyncjob/store-sqlite';
import type { ResultAsync } from 'neverthrow';

const env = process.env;
const mode = env.DURABLE_MODE;
const storePath = env.DURABLE_STORE ?? '';
const logPath = env.DURABLE_LOG ?? '';
const jobCount = Number(env.DURABLE_JOBS ?? '0');
const processName = env.DURABLE_PROCESS ?? mode ?? 'child';

function say(message: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

function fail(stage: string, error: AsyncJobError): never {
  say({ type: 'fatal', stage, kind: error.kind, message: error.message });
  process.exit(1);
}

const configs = configFromEnv(env);
if (configs.isErr()) fail('config', configs.error);
const built = createJobRegistry({
  factories: { revor: revorFactory, outx: outxFactory, oration: orationFactory, revkeen: revkeenFactory },
  configs: configs.value,
});
if (built.isErr()) fail('registry', built.error);
const registry = built.value;
const opened = openSqliteStore(storePath);
if (opened.isErr()) fail('store', opened.error);
const store = opened.value;

/** One line per settle-handler call: the test counts them per ref. */
function recordSettled(settled: SettledJob): void {
  const line = settled.result.isOk()
    ? { process: processName, ref: settled.ref, status: settled.result.value.status }
    : { process: processName, ref: settled.ref, error: settled.result.error.kind };
  appendFileSync(logPath, `${JSON.stringify(line)}\n`);
}

const generous = { limit: 1000, windowMs: 1000 };
const tracker = createJobTracker(registry, {
  store,
  // The simulated jobs take seconds, not minutes: poll on that scale.
  backoff: { minDelayMs: 100, maxDelayMs: 800, initialDelayMs: 200 },
  rateLimits: { revor: generous, outx: generous, oration: generous, revkeen: generous },
  maxInFlight: 32,
  adaptive: false,
  timeoutMs: 60_000,
  onSettled: recordSettled,
});
tracker.subscribe((event) => {
  if (event.type === 'store_error') say({ type: 'store_error', ref: event.ref, kind: event.error.kind });
});

/** What to create at each vendor: the only vendor-specific part. */
function create(client: AsyncJobClient, index: number): ResultAsync<AsyncJob, AsyncJobError> {
  switch (client.provider) {
    case 'revor':
      return client.submit('dispatch', {
        channel: 'email',
        accountId: 'connect_account_k1_email',
        recipient: { address: `person-${index}@example.com` },
        content: { subject: `Note ${index}`, text: 'A short note.' },
      });
    case 'outx':
      return client.submit('fetch-profile', { profileSlug: `person-${index}` });
    case 'oration':
      return client.submit('customers-batch', {
        customers: [{ identifier: `customer-${index}`, name: `Customer ${index}` }],
        strategy: 'upsert',
      });
    default:
      return client.submit('run', {
        automationId: env.DURABLE_REVKEEN_AUTOMATION,
        triggerPayload: { invoice: `inv_${index}` },
      });
  }
}

async function createAll(): Promise<void> {
  const { providers } = registry;
  let next = 0;
  const worker = async () => {
    while (next < jobCount) {
      const index = next;
      next += 1;
      const client = registry.client(providers[index % providers.length] as string);
      if (client.isErr()) fail('client', client.error);
      const created = await tracker.trackCreated(create(client.value, index), { operation: 'crash-test' });
      if (created.isErr()) fail('create', created.error);
      say({ type: 'created', ref: created.value.ref });
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  say({ type: 'all_created', count: jobCount });
}

if (mode === 'create') {
  await createAll();
} else {
  const resumed = await tracker.resume();
  if (resumed.isErr()) fail('resume', resumed.error);
  say({ type: 'resumed', count: resumed.value });
}
const drained = await tracker.drain();
if (drained.isErr()) fail('drain', drained.error);
say({ type: 'drained', summary: drained.value, requests: tracker.stats().requests });
const closed = await store.close();
if (closed.isErr()) fail('close', closed.error);
