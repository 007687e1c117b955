import { errAsync, okAsync } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { createAsyncJob } from '../async-job';
import { asyncJobError } from '../async-job-error';
import { jobToJson } from '../async-job-json';
import { MemoryStore } from '../store/memory-store';
import { createManualClock } from '../test/index';
import { createJobTracker } from './job-tracker';
import { registryOf, timedClient } from './tracker-test-clients';
import type { SettledJob } from './tracker-types';

const T0 = Date.parse('2026-05-20T10:00:00.000Z');

/** A MemoryStore that logs every call, so tests can check the order of writes and requests. */
function loggingStore(log: string[], now: () => number) {
  const store = new MemoryStore(now);
  return Object.assign(Object.create(store) as MemoryStore, {
    put: (state: Parameters<MemoryStore['put']>[0]) => {
      log.push(`put ${state.ref}`);
      return store.put(state);
    },
    update: (state: Parameters<MemoryStore['update']>[0]) => {
      log.push(`update ${state.ref} ${state.status}`);
      return store.update(state);
    },
    markSettled: (...args: Parameters<MemoryStore['markSettled']>) => {
      log.push(`settle ${args[0]}`);
      return store.markSettled(...args);
    },
    listUnsettled: () => store.listUnsettled(),
    list: () => store.list(),
    markHandled: store.markHandled.bind(store),
    listUnhandled: store.listUnhandled.bind(store),
  });
}

describe('JobTracker with a store', () => {
  it('records a job before its first check, and its outcome before any settle handler', async () => {
    const clock = createManualClock(T0);
    const log: string[] = [];
    const revor = timedClient('revor', clock.now);
    revor.jobs.set('j1', { startAt: T0 + 500, finishAt: T0 + 2000 });
    const originalGet = revor.get;
    const client = {
      ...revor,
      get: (id: string, options = {}) => {
        log.push(`get ${id}`);
        return originalGet(id, options);
      },
    };
    const tracker = createJobTracker(registryOf(client), {
      clock,
      random: () => 0.5,
      store: loggingStore(log, clock.now),
      onSettled: (settled) => log.push(`handler ${settled.ref}`),
    });
    tracker.track('revor:j1');
    await clock.runUntil(() => tracker.size === 0);
    await tracker.drain();
    expect(log[0]).toBe('put revor:j1');
    expect(log[1]).toBe('get j1');
    expect(log).toContain('update revor:j1 running');
    expect(log.slice(-2)).toEqual(['settle revor:j1', 'handler revor:j1']);
  });

  it('trackCreated hands the job back only after it is recorded', async () => {
    const clock = createManualClock(T0);
    const store = new MemoryStore(clock.now);
    const revor = timedClient('revor', clock.now);
    revor.jobs.set('new', { finishAt: T0 + 1000 });
    const tracker = createJobTracker(registryOf(revor), { clock, store });
    const created = createAsyncJob({ provider: 'revor', id: 'new', status: 'queued', rawStatus: 'queued' });
    const job = await tracker.trackCreated(okAsync(created), { operation: 'dispatch' });
    expect(job._unsafeUnwrap()).toBe(created);
    const stored = (await store.list())._unsafeUnwrap();
    expect(stored.map((entry) => [entry.state.ref, entry.state.operation])).toEqual([
      ['revor:new', 'dispatch'],
    ]);
    tracker.abort();
  });

  it('passes a failed create through without recording anything', async () => {
    const clock = createManualClock(T0);
    const store = new MemoryStore(clock.now);
    const tracker = createJobTracker(registryOf(timedClient('revor', clock.now)), { clock, store });
    const refused = asyncJobError('invalid_request', 'bad body', { provider: 'revor', httpStatus: 400 });
    expect((await tracker.trackCreated(errAsync(refused)))._unsafeUnwrapErr()).toBe(refused);
    expect((await store.list())._unsafeUnwrap()).toEqual([]);
  });

  it('resumes every unsettled job in a new tracker after the first one stopped', async () => {
    const clock = createManualClock(T0);
    const store = new MemoryStore(clock.now);
    const revor = timedClient('revor', clock.now);
    for (let index = 0; index < 6; index += 1) revor.jobs.set(`j${index}`, { finishAt: T0 + index * 20_000 });
    const first = createJobTracker(registryOf(revor), { clock, store, random: () => 0.5 });
    for (let index = 0; index < 6; index += 1) first.track(`revor:j${index}`);
    await clock.advance(45_000);
    first.abort();
    const unsettled = (await store.listUnsettled())._unsafeUnwrap().map((job) => job.state.ref);
    expect(unsettled).toContain('revor:j5');
    expect(unsettled).not.toContain('revor:j0');

    const settled: SettledJob[] = [];
    const second = createJobTracker(registryOf(revor), {
      clock,
      store,
      onSettled: (job) => settled.push(job),
    });
    expect((await second.resume())._unsafeUnwrap()).toBe(unsettled.length);
    await clock.runUntil(() => second.size === 0);
    await second.drain();
    expect(settled.map((job) => job.ref).sort()).toEqual(unsettled);
    expect((await store.listUnsettled())._unsafeUnwrap()).toEqual([]);
    const outcomes = (await store.list())._unsafeUnwrap().map((job) => job.outcome?.type);
    expect(outcomes).toEqual(['job', 'job', 'job', 'job', 'job', 'job']);
  });

  it('runs settle handlers once per job even when two trackers share a store', async () => {
    const clock = createManualClock(T0);
    const store = new MemoryStore(clock.now);
    const revor = timedClient('revor', clock.now);
    for (let index = 0; index < 4; index += 1) revor.jobs.set(`j${index}`, { finishAt: T0 + 3000 });
    const settled: string[] = [];
    const trackers = [0, 1].map(() =>
      createJobTracker(registryOf(revor), { clock, store, onSettled: (job) => settled.push(job.ref) }),
    );
    for (const tracker of trackers)
      for (let index = 0; index < 4; index += 1) tracker.track(`revor:j${index}`);
    await clock.runUntil(() => trackers.every((tracker) => tracker.size === 0));
    await Promise.all(trackers.map((tracker) => tracker.drain()));
    expect(settled.sort()).toEqual(['revor:j0', 'revor:j1', 'revor:j2', 'revor:j3']);
  });

  it('keeps tracking in memory when the store refuses a write, and says so', async () => {
    const clock = createManualClock(T0);
    const store = new MemoryStore(clock.now);
    const broken = Object.assign(Object.create(store) as MemoryStore, {
      put: () => errAsync(asyncJobError('config', 'disk full')),
      markSettled: store.markSettled.bind(store),
      markHandled: store.markHandled.bind(store),
      update: store.update.bind(store),
    });
    const revor = timedClient('revor', clock.now);
    revor.jobs.set('j1', { finishAt: T0 + 1000 });
    const events: string[] = [];
    const tracker = createJobTracker(registryOf(revor), { clock, store: broken });
    tracker.subscribe((event) => events.push(event.type));
    tracker.track('revor:j1');
    await clock.runUntil(() => tracker.size === 0);
    expect(events[0]).toBe('store_error');
    expect(events).toContain('settled');
  });

  it('runs on resume the handlers of an outcome recorded before a stop, and marks every handled outcome', async () => {
    const clock = createManualClock(T0);
    const store = new MemoryStore(clock.now);
    const revor = timedClient('revor', clock.now);
    revor.jobs.set('done', { finishAt: T0 + 1000 });
    revor.jobs.set('handled', { finishAt: T0 + 1000 });
    const state = (ref: string) => ({
      ref,
      operation: 'dispatch',
      status: null,
      rawStatus: null,
      trackedAt: T0,
      deadline: null,
      dueAt: T0,
      phaseSince: T0,
      attempt: 0,
      scheduledAt: null,
      nextAttemptAt: null,
    });
    const job = createAsyncJob({
      provider: 'revor',
      id: 'done',
      status: 'succeeded',
      rawStatus: 'succeeded',
    });
    await store.put(state('revor:done'));
    await store.put(state('revor:handled'));
    // A process recorded both outcomes, ran the handlers of one, and stopped before the other's.
    await store.markSettled('revor:done', { type: 'job', job: jobToJson(job) }, T0);
    await store.markSettled('revor:handled', { type: 'job', job: jobToJson(job) }, T0);
    await store.markHandled('revor:handled', T0);

    const settled: SettledJob[] = [];
    const tracker = createJobTracker(registryOf(revor), {
      clock,
      store,
      onSettled: (done) => settled.push(done),
    });
    expect((await tracker.resume())._unsafeUnwrap()).toBe(0);
    await clock.advance(0);
    expect(settled.map((done) => [done.ref, done.operation, done.result._unsafeUnwrap().status])).toEqual([
      ['revor:done', 'dispatch', 'succeeded'],
    ]);
    expect((await store.listUnhandled())._unsafeUnwrap()).toEqual([]);
  });

  it('forgets an untracked job in the store, so a resume does not take it up again', async () => {
    const clock = createManualClock(T0);
    const store = new MemoryStore(clock.now);
    const revor = timedClient('revor', clock.now);
    revor.jobs.set('a', { finishAt: T0 + 60_000 });
    revor.jobs.set('b', { finishAt: T0 + 60_000 });
    const first = createJobTracker(registryOf(revor), { clock, store });
    first.track('revor:a');
    first.track('revor:b');
    expect(first.untrack('revor:a')).toBe(true);
    await clock.advance(1000);
    first.abort();
    expect((await store.list())._unsafeUnwrap().map((job) => job.state.ref)).toEqual(['revor:b']);
    const second = createJobTracker(registryOf(revor), { clock, store });
    expect((await second.resume())._unsafeUnwrap()).toBe(1);
    second.abort();
  });
});
