import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../store/memory-store';
import { createManualClock } from '../test/index';
import { createJobTracker } from './job-tracker';
import { registryOf, timedClient } from './tracker-test-clients';

const T0 = Date.parse('2026-05-20T10:00:00.000Z');

describe('JobTracker against misbehaving callers and stores', () => {
  it('goes on and drains when hooks and listeners throw', async () => {
    const clock = createManualClock(T0);
    const revor = timedClient('revor', clock.now);
    for (const id of ['a', 'b', 'c']) revor.jobs.set(id, { startAt: T0 + 200, finishAt: T0 + 2000 });
    const tracker = createJobTracker(registryOf(revor), {
      clock,
      onChange: () => {
        throw new Error('change hook');
      },
      onSettled: () => {
        throw new Error('settle hook');
      },
    });
    tracker.subscribe(() => {
      throw new Error('listener');
    });
    for (const id of ['a', 'b', 'c']) tracker.track(`revor:${id}`);
    const draining = tracker.drain();
    await clock.runUntil(() => tracker.size === 0);
    expect((await draining)._unsafeUnwrap()).toMatchObject({ succeeded: 3 });
  });

  it('keeps tracking and settles when the store throws or rejects', async () => {
    const clock = createManualClock(T0);
    const memory = new MemoryStore(clock.now);
    let calls = 0;
    const flaky = Object.assign(Object.create(memory) as MemoryStore, {
      put: (...args: Parameters<MemoryStore['put']>) => {
        calls += 1;
        if (calls === 1) throw new Error('disk gone');
        if (calls === 2) return Promise.reject(new Error('rejected')) as never;
        return memory.put(...args);
      },
      update: memory.update.bind(memory),
      markSettled: memory.markSettled.bind(memory),
      markHandled: memory.markHandled.bind(memory),
    });
    const revor = timedClient('revor', clock.now);
    for (const id of ['a', 'b', 'c']) revor.jobs.set(id, { finishAt: T0 + 1000 });
    const errors: string[] = [];
    const tracker = createJobTracker(registryOf(revor), { clock, store: flaky });
    tracker.subscribe((event) => {
      if (event.type === 'store_error') errors.push(event.error.message);
    });
    for (const id of ['a', 'b', 'c']) tracker.track(`revor:${id}`);
    const draining = tracker.drain();
    await clock.runUntil(() => tracker.size === 0);
    expect((await draining)._unsafeUnwrap()).toMatchObject({ succeeded: 3 });
    expect(errors).toEqual(['The job store failed: disk gone', 'The job store failed: rejected']);
    expect((await memory.list())._unsafeUnwrap().map((job) => job.state.ref)).toEqual(['revor:c']);
  });

  it('refuses a deadline that is not a time, and a budget of nothing does not stall it', async () => {
    const clock = createManualClock(T0);
    const revor = timedClient('revor', clock.now);
    revor.jobs.set('a', { finishAt: T0 + 500 });
    const tracker = createJobTracker(registryOf(revor), {
      clock,
      maxInFlight: 0,
      rateLimits: { revor: { limit: 0, windowMs: 1000 } },
    });
    expect(tracker.track('revor:a', { deadline: new Date('not a date') })._unsafeUnwrapErr()).toMatchObject({
      kind: 'config',
      field: 'deadline',
    });
    expect(tracker.track('revor:a', { timeoutMs: Number.NaN })._unsafeUnwrapErr().field).toBe('timeoutMs');
    tracker.track('revor:a');
    await clock.runUntil(() => tracker.size === 0, 60_000);
    expect(tracker.size).toBe(0);
  });

  it('sends no request for a job tracked and aborted in the same tick', async () => {
    const clock = createManualClock(T0);
    const revor = timedClient('revor', clock.now);
    revor.jobs.set('a', { finishAt: T0 });
    const tracker = createJobTracker(registryOf(revor), { clock });
    tracker.track('revor:a');
    tracker.abort();
    await clock.advance(1000);
    expect(revor.requests).toEqual([]);
    expect((await tracker.drain())._unsafeUnwrapErr().kind).toBe('aborted');
  });
});
