import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningSimulator, type SimulatedVendor, startSimulator } from '@asyncjob/simulator';
import { openSqliteStore } from '@asyncjob/store-sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { readHandlerLog, startTrackingChild, type TrackingChild, waitFor } from './durable/crash-harness';

const JOBS = 200;
const MIN_DELAY_MS = 100;
const MAX_DELAY_MS = 800;

/** Jobs that take from a fraction of a second to several seconds, so a kill lands in the middle of the run. */
const DURATIONS = {
  queued: { medianMs: 300, sigma: 0.5, maxMs: 1_500 },
  run: { medianMs: 2_500, sigma: 0.8, minMs: 200, maxMs: 8_000 },
  retryDelay: 300,
};

/** The simulator's id of a ref's job (RevKeen refs are `automationId/runId`; the simulator knows runs). */
function truthKey(ref: string): { vendor: SimulatedVendor; id: string } {
  const [vendor, ...rest] = ref.split(':');
  const id = rest.join(':');
  return { vendor: vendor as SimulatedVendor, id: vendor === 'revkeen' ? (id.split('/')[1] ?? id) : id };
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

describe('a tracker on a SqliteStore killed with SIGKILL mid-run', () => {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('resumes in a new process and settles every job exactly once, as the vendors really ended them', async () => {
    const started = await startSimulator({
      seed: 20_260_520,
      revorPacing: false,
      rateLimits: { revor: null },
      durations: { revor: DURATIONS, outx: DURATIONS, oration: DURATIONS, revkeen: DURATIONS },
      outcomes: {
        revor: { failed: 0.1, cancelled: 0.05, retry: 0.1 },
        outx: { failed: 0.1 },
        oration: { failed: 0.1, retry: 0.1 },
        revkeen: { failed: 0.1, cancelled: 0.05, approval: 0 },
      },
    });
    if (started.isErr()) throw new Error(`The simulator did not start: ${started.error.message}`);
    const simulator: RunningSimulator = started.value;
    cleanups.push(() => simulator.close());
    const dir = mkdtempSync(join(tmpdir(), 'asyncjob-durable-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const storePath = join(dir, 'jobs.db');
    const logPath = join(dir, 'handlers.jsonl');
    const children: TrackingChild[] = [];
    cleanups.push(() => {
      for (const child of children) if (child.process.exitCode === null) child.process.kill('SIGKILL');
    });

    // 1. The first process creates the jobs and tracks them until it is killed.
    const first = startTrackingChild({
      mode: 'create',
      name: 'first',
      simulator,
      storePath,
      logPath,
      jobs: JOBS,
    });
    children.push(first);
    let firstExit: { code: number | null; signal: NodeJS.Signals | null } | null = null;
    void first.exited.then((exit) => {
      firstExit = exit;
    });
    await waitFor(
      () =>
        firstExit !== null ||
        (first.messages.some((message) => message.type === 'all_created') &&
          readHandlerLog(logPath).lines.length >= JOBS / 4),
      20_000,
      'the first process to create every job and settle a quarter of them',
    );
    expect(firstExit, `the first process ended on its own: ${first.output()}`).toBeNull();
    first.process.kill('SIGKILL');
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });

    const created = first.messages.flatMap((message) => (message.type === 'created' ? [message.ref] : []));
    expect(new Set(created).size).toBe(JOBS);
    expect(
      first.messages.filter((message) => message.type === 'store_error' || message.type === 'fatal'),
    ).toEqual([]);
    const beforeResume = readHandlerLog(logPath);
    expect(beforeResume.torn).toEqual([]);
    expect(beforeResume.lines.length).toBeGreaterThanOrEqual(JOBS / 4);
    expect(beforeResume.lines.length).toBeLessThan(JOBS);

    // 2. What the dead process left in the file: every created job, and the unsettled ones to resume.
    const between = openSqliteStore(storePath);
    if (between.isErr()) throw new Error(between.error.message);
    const recorded = (await between.value.list())._unsafeUnwrap();
    const unsettledRefs = recorded.filter((job) => job.outcome === null).map((job) => job.state.ref);
    await between.value.close();
    expect(recorded.map((job) => job.state.ref).sort()).toEqual([...created].sort());
    expect(unsettledRefs.length).toBeGreaterThan(0);

    // 3. A second process resumes from the same file and finishes.
    const resumedAt = Date.now();
    const second = startTrackingChild({ mode: 'resume', name: 'second', simulator, storePath, logPath });
    children.push(second);
    expect(await second.exited, second.output()).toEqual({ code: 0, signal: null });
    const endedAt = Date.now();
    expect(second.messages.find((message) => message.type === 'resumed')).toEqual({
      type: 'resumed',
      count: unsettledRefs.length,
    });
    expect(
      second.messages.filter((message) => message.type === 'store_error' || message.type === 'fatal'),
    ).toEqual([]);

    // 4. Every created job settled exactly once across both processes (one outcome in the file), and every
    // outcome reached the handlers. A handler runs twice only if the kill landed after it ran and before the
    // file marked it handled: at most one job, since settles are written one after another.
    const { lines, torn } = readHandlerLog(logPath);
    expect(torn).toEqual([]);
    const handlerCalls = countBy(lines, (line) => line.ref);
    const twice = [...handlerCalls.entries()].filter(([, calls]) => calls > 1);
    expect(twice.length).toBeLessThanOrEqual(1);
    expect(twice.every(([, calls]) => calls === 2)).toBe(true);
    expect(lines.filter((line) => !created.includes(line.ref))).toEqual([]);
    const store = openSqliteStore(storePath);
    if (store.isErr()) throw new Error(store.error.message);
    const final = (await store.value.list())._unsafeUnwrap();
    expect((await store.value.listUnsettled())._unsafeUnwrap()).toEqual([]);
    await store.value.close();
    expect(final).toHaveLength(JOBS);
    // An outcome committed just before the kill whose handlers had not run is handed to them on resume.
    expect((await reopenUnhandled(storePath)).length).toBe(0);
    expect(final.filter((job) => !handlerCalls.has(job.state.ref))).toEqual([]);
    expect(lines.length).toBe(JOBS + twice.length);

    // 5. Each outcome is what really happened at the vendor, in the handler's line and in the file.
    const stored = new Map(final.map((job) => [job.state.ref, job]));
    const seen = lines.map((line) => {
      const { vendor, id } = truthKey(line.ref);
      const truth = simulator.control.jobTruth(vendor, id);
      const outcome = stored.get(line.ref)?.outcome;
      return {
        ref: line.ref,
        handler: line.status ?? `error:${line.error}`,
        stored:
          outcome?.type === 'job'
            ? outcome.job.status
            : `error:${outcome?.type === 'error' && outcome.error.kind}`,
        truth: truth?.terminal ? truth.outcome : `not terminal: ${truth?.status}`,
      };
    });
    expect(seen.filter((job) => job.handler !== job.truth || job.stored !== job.truth)).toEqual([]);
    const outcomes = countBy(seen, (job) => job.handler);
    expect(outcomes.get('succeeded')).toBeGreaterThan(JOBS / 2);
    expect((outcomes.get('failed') ?? 0) + (outcomes.get('cancelled') ?? 0)).toBeGreaterThan(0);
    expect(countBy(lines, (line) => line.process).get('second')).toBeGreaterThan(0);

    // 6. The request count stays sane: one create per job, and no job checked more often than the minimum delay.
    const stats = simulator.stats();
    expect(stats.jobsCreated).toBe(JOBS);
    const byMethod = { POST: 0, GET: 0 };
    for (const vendor of Object.values(stats.byVendor)) {
      for (const [endpoint, count] of Object.entries(vendor.byEndpoint)) {
        if (endpoint.startsWith('POST ')) byMethod.POST += count;
        if (endpoint.startsWith('GET ')) byMethod.GET += count;
      }
    }
    expect(byMethod.POST).toBe(JOBS);
    const lookupBound = final.reduce((sum, job) => {
      const { vendor, id } = truthKey(job.state.ref);
      const truth = simulator.control.jobTruth(vendor, id);
      const settledBy = Math.min(
        endedAt,
        Math.max(truth?.finishedAtMs ?? endedAt, resumedAt) + MAX_DELAY_MS + 500,
      );
      return sum + Math.ceil((settledBy - (truth?.createdAtMs ?? 0)) / MIN_DELAY_MS) + 2;
    }, 0);
    expect(byMethod.GET).toBeGreaterThanOrEqual(JOBS);
    expect(byMethod.GET).toBeLessThanOrEqual(lookupBound);
    // The backoff grows from 200 ms to 800 ms over jobs of a few seconds: a handful of checks per job, not dozens.
    expect(byMethod.GET / JOBS).toBeLessThan(20);
    expect(Object.keys(stats.byStatus).filter((status) => !['200', '201', '202'].includes(status))).toEqual(
      [],
    );
    console.info(
      `crash test: killed after ${beforeResume.lines.length}/${JOBS} settled; resumed ${unsettledRefs.length}; ` +
        `${byMethod.GET} lookups (bound ${lookupBound}), ${byMethod.POST} creates; ` +
        `handlers run twice in the kill window: ${twice.length}`,
    );

    // 7. No API key in the store, the handler log or anything the processes printed.
    const keys = [
      ...simulator.keys.revor,
      ...simulator.keys.outx,
      ...simulator.keys.oration.map((key) => key.apiKey),
      ...simulator.keys.revkeen,
    ];
    const written = [
      readFileSync(storePath, 'latin1'),
      readFileSync(logPath, 'utf8'),
      first.output(),
      second.output(),
    ];
    for (const text of written) for (const key of keys) expect(text.includes(key)).toBe(false);
  }, 60_000);
});

async function reopenUnhandled(path: string) {
  const store = openSqliteStore(path);
  if (store.isErr()) throw new Error(store.error.message);
  const unhandled = (await store.value.listUnhandled())._unsafeUnwrap();
  await store.value.close();
  return unhandled;
}
