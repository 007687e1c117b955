import { createJobTracker, type SettledJob } from '@asyncjob/core';
import { createManualClock } from '@asyncjob/core/test';
import { okAsync } from 'neverthrow';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from './open-sqlite-store';
import { fakeClient, registryOf, T0, tempDir } from './test-helpers';

describe('a tracker on a SqliteStore', () => {
  let temp: ReturnType<typeof tempDir>;

  beforeEach(() => {
    temp = tempDir();
  });

  afterEach(() => {
    temp.cleanup();
  });

  it('resumes from the file after the first tracker is dropped, running each settle handler once', async () => {
    const path = temp.file();
    const clock = createManualClock(T0);
    const acme = fakeClient('acme', clock.now);
    const plan = [
      ['fast', T0 + 1_000, 'succeeded'],
      ['slow', T0 + 20_000, 'succeeded'],
      ['slower', T0 + 40_000, 'failed'],
      ['gone-while-down', T0 + 12_000, 'succeeded'],
    ] as const;
    for (const [id, finishAt, outcome] of plan) acme.jobs.set(id, { startAt: T0 + 500, finishAt, outcome });
    const handled: string[] = [];
    const onSettled = (settled: SettledJob) =>
      handled.push(`${settled.ref} ${settled.result.isOk() ? settled.result.value.status : 'error'}`);

    const firstStore = openSqliteStore(path, { now: clock.now })._unsafeUnwrap();
    const first = createJobTracker(registryOf(acme), {
      clock,
      store: firstStore,
      random: () => 0.5,
      backoff: { minDelayMs: 500, maxDelayMs: 2_000 },
      onSettled,
    });
    for (const [id] of plan) first.track(`acme:${id}`, { operation: 'sync' });
    await clock.runUntil(() => handled.length === 1, 10_000);
    expect(handled).toEqual(['acme:fast succeeded']);
    // The process goes away: no drain, no clean shutdown of the tracker, only the file is left.
    first.abort();
    await firstStore.close();
    await clock.advance(15_000);

    const secondStore = openSqliteStore(path, { now: clock.now })._unsafeUnwrap();
    const pending = (await secondStore.listUnsettled())._unsafeUnwrap();
    expect(pending.map((job) => [job.state.ref, job.state.operation, job.state.status])).toEqual([
      ['acme:slow', 'sync', 'running'],
      ['acme:slower', 'sync', 'running'],
      ['acme:gone-while-down', 'sync', 'running'],
    ]);
    const second = createJobTracker(registryOf(acme), {
      clock,
      store: secondStore,
      random: () => 0.5,
      backoff: { minDelayMs: 500, maxDelayMs: 2_000 },
      onSettled,
    });
    const lookupsBefore = acme.lookups.get('gone-while-down') ?? 0;
    expect((await second.resume())._unsafeUnwrap()).toBe(3);
    await clock.runUntil(() => second.size === 0, 60_000);
    expect((await second.drain())._unsafeUnwrap()).toEqual({
      succeeded: 2,
      failed: 1,
      cancelled: 0,
      errors: 0,
    });

    expect(handled.sort()).toEqual([
      'acme:fast succeeded',
      'acme:gone-while-down succeeded',
      'acme:slow succeeded',
      'acme:slower failed',
    ]);
    expect((await secondStore.listUnsettled())._unsafeUnwrap()).toEqual([]);
    const outcomes = (await secondStore.list())._unsafeUnwrap().map((job) => {
      const outcome = job.outcome;
      return [job.state.ref, outcome?.type === 'job' ? outcome.job.status : outcome?.type];
    });
    expect(outcomes).toEqual([
      ['acme:fast', 'succeeded'],
      ['acme:slow', 'succeeded'],
      ['acme:slower', 'failed'],
      ['acme:gone-while-down', 'succeeded'],
    ]);
    // The job that finished while no process ran was settled by the second tracker's first check.
    expect((acme.lookups.get('gone-while-down') ?? 0) - lookupsBefore).toBe(1);
    await secondStore.close();
  });

  it('lets two trackers resume the same file and still runs each handler exactly once', async () => {
    const path = temp.file();
    const clock = createManualClock(T0);
    const acme = fakeClient('acme', clock.now);
    const ids = Array.from({ length: 20 }, (_, index) => `job-${index}`);
    for (const [index, id] of ids.entries()) {
      acme.jobs.set(id, { startAt: T0, finishAt: T0 + 1_000 + index * 300, outcome: 'succeeded' });
    }
    const seed = openSqliteStore(path, { now: clock.now })._unsafeUnwrap();
    const recorder = createJobTracker(registryOf(acme), { clock, store: seed });
    for (const id of ids) recorder.track(`acme:${id}`);
    await clock.advance(0);
    recorder.abort();
    await seed.close();

    const handled = new Map<string, number>();
    const count = (settled: SettledJob) => handled.set(settled.ref, (handled.get(settled.ref) ?? 0) + 1);
    const trackers = [1, 2].map((seedValue) => {
      const store = openSqliteStore(path, { now: clock.now })._unsafeUnwrap();
      const random = () => (seedValue * 0.37) % 1;
      return {
        store,
        tracker: createJobTracker(registryOf(acme), { clock, store, random, onSettled: count }),
      };
    });
    for (const { tracker } of trackers) expect((await tracker.resume())._unsafeUnwrap()).toBe(20);
    await clock.runUntil(() => trackers.every(({ tracker }) => tracker.size === 0), 120_000);
    await Promise.all(trackers.map(({ tracker }) => tracker.drain()));
    expect([...handled.keys()].sort()).toEqual(ids.map((id) => `acme:${id}`).sort());
    expect([...handled.values()].every((times) => times === 1)).toBe(true);
    for (const { store } of trackers) await store.close();
  });

  it('trackCreated hands the job back only once it is in the file', async () => {
    const path = temp.file();
    const clock = createManualClock(T0);
    const acme = fakeClient('acme', clock.now);
    acme.jobs.set('new', { startAt: T0 + 1_000, finishAt: T0 + 60_000, outcome: 'succeeded' });
    const store = openSqliteStore(path, { now: clock.now })._unsafeUnwrap();
    const tracker = createJobTracker(registryOf(acme), { clock, store });
    const created = await acme.get('new');
    const job = (
      await tracker.trackCreated(okAsync(created._unsafeUnwrap()), { operation: 'create' })
    )._unsafeUnwrap();
    const other = openSqliteStore(path)._unsafeUnwrap();
    const stored = (await other.listUnsettled())._unsafeUnwrap();
    expect(stored.map((entry) => [entry.state.ref, entry.state.operation, entry.state.status])).toEqual([
      [job.ref, 'create', 'queued'],
    ]);
    tracker.abort();
    await other.close();
    await store.close();
  });
});
