import { describe, expect, it } from 'vitest';
import { createAsyncJob } from '../async-job';
import { asyncJobError } from '../async-job-error';
import { createManualClock } from '../test/index';
import { createJobTracker } from './job-tracker';
import { registryOf, timedClient } from './tracker-test-clients';
import type { SettledJob } from './tracker-types';

const T0 = Date.parse('2026-05-20T10:00:00.000Z');

describe('JobTracker', () => {
  it('tracks many jobs to completion with one timer, and drain reports the outcomes', async () => {
    const clock = createManualClock(T0);
    const revor = timedClient('revor', clock.now);
    for (let index = 0; index < 50; index += 1) {
      revor.jobs.set(`j${index}`, {
        finishAt: T0 + 1000 + index * 100,
        outcome: index % 10 === 0 ? 'failed' : 'succeeded',
      });
    }
    const tracker = createJobTracker(registryOf(revor), {
      clock,
      random: () => 0.5,
      rateLimits: { revor: { limit: 100, windowMs: 1000 } },
    });
    for (let index = 0; index < 50; index += 1) expect(tracker.track(`revor:j${index}`).isOk()).toBe(true);
    let maxTimers = 0;
    const draining = tracker.drain();
    await clock.runUntil(() => {
      maxTimers = Math.max(maxTimers, clock.pendingTimers());
      return tracker.size === 0;
    });
    expect((await draining)._unsafeUnwrap()).toEqual({ succeeded: 45, failed: 5, cancelled: 0, errors: 0 });
    expect(maxTimers).toBe(1);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('backs off every job of a key together on a 429, while another key goes on', async () => {
    const clock = createManualClock(T0);
    const revor = timedClient('revor', clock.now);
    const outx = timedClient('outx', clock.now);
    for (let index = 0; index < 5; index += 1) {
      revor.jobs.set(`r${index}`, { finishAt: T0 + 60_000 });
      outx.jobs.set(`o${index}`, { finishAt: T0 + 3000 });
    }
    revor.failNext.push({
      error: asyncJobError('rate_limited', '429', {
        provider: 'revor',
        httpStatus: 429,
        retryAfterMs: 20_000,
      }),
      hints: { httpStatus: 429, retryAfterMs: 20_000 },
    });
    const tracker = createJobTracker(registryOf(revor, outx), { clock, random: () => 0.5, maxInFlight: 1 });
    for (let index = 0; index < 5; index += 1) {
      tracker.track(`revor:r${index}`);
      tracker.track(`outx:o${index}`);
    }
    await clock.advance(19_000);
    // After the 429 no revor request went out until Retry-After passed; outx kept going and finished.
    expect(revor.requests.filter((request) => request.at > T0 && request.at < T0 + 20_000)).toEqual([]);
    expect(outx.requests.length).toBeGreaterThan(5);
    expect([...tracker.snapshot().jobs].every((job) => job.ref.startsWith('revor:'))).toBe(true);
    expect(tracker.stats().rateLimited).toBe(1);
    await clock.runUntil(() => tracker.size === 0);
    expect(tracker.size).toBe(0);
  });

  it('keeps to the rate limit the vendor announces in its headers', async () => {
    const clock = createManualClock(T0);
    const revor = timedClient('revor', clock.now, 200);
    revor.hints = { rateLimit: { limit: 10, windowMs: 1000 } };
    for (let index = 0; index < 40; index += 1) revor.jobs.set(`j${index}`, { finishAt: T0 + 5000 });
    const tracker = createJobTracker(registryOf(revor), {
      clock,
      random: () => 0.5,
      rateLimits: { revor: { limit: 100, windowMs: 1000 } },
    });
    for (let index = 0; index < 40; index += 1) tracker.track(`revor:j${index}`);
    await clock.runUntil(() => tracker.size === 0);
    // After the first answer taught it the limit (9 per second with 10% headroom), no second holds more than 10.
    const firstSecondAfterLearning = revor.requests.filter((request) => request.at >= T0 + 1000);
    const perSecond = new Map<number, number>();
    for (const request of firstSecondAfterLearning) {
      const second = Math.floor((request.at - T0) / 1000);
      perSecond.set(second, (perSecond.get(second) ?? 0) + 1);
    }
    expect(Math.max(...perSecond.values())).toBeLessThanOrEqual(10);
    expect(tracker.stats().budgets.revor).toEqual({ limit: 9, windowMs: 1000 });
  });

  it('is fair: a vendor held back by its budget does not starve another', async () => {
    const clock = createManualClock(T0);
    const slow = timedClient('revor', clock.now);
    const fast = timedClient('outx', clock.now);
    for (let index = 0; index < 60; index += 1) slow.jobs.set(`s${index}`, { finishAt: T0 });
    for (let index = 0; index < 3; index += 1) fast.jobs.set(`f${index}`, { finishAt: T0 });
    const settled: string[] = [];
    const tracker = createJobTracker(registryOf(slow, fast), {
      clock,
      rateLimits: { revor: { limit: 1, windowMs: 1000 }, outx: { limit: 10, windowMs: 1000 } },
      onSettled: (job) => settled.push(job.ref),
    });
    for (let index = 0; index < 60; index += 1) tracker.track(`revor:s${index}`);
    for (let index = 0; index < 3; index += 1) tracker.track(`outx:f${index}`);
    await clock.advance(1000);
    expect(settled.filter((ref) => ref.startsWith('outx:'))).toHaveLength(3);
    tracker.abort();
  });

  it('settles a terminal job in hand without a request, and does not check a scheduled one early', async () => {
    const clock = createManualClock(T0);
    const revor = timedClient('revor', clock.now);
    revor.jobs.set('late', { startAt: T0 + 3_600_000, finishAt: T0 + 3_601_000 });
    const tracker = createJobTracker(registryOf(revor), { clock, random: () => 0.5 });
    const done = createAsyncJob({
      provider: 'revor',
      id: 'done',
      status: 'succeeded',
      rawStatus: 'succeeded',
    });
    const scheduled = createAsyncJob({
      provider: 'revor',
      id: 'late',
      status: 'scheduled',
      rawStatus: 'scheduled',
      scheduledAt: new Date(T0 + 3_600_000),
    });
    const settled: SettledJob[] = [];
    tracker.subscribe((event) => {
      if (event.type === 'settled') settled.push(event.settled);
    });
    tracker.track(done);
    tracker.track(scheduled);
    expect(settled.map((job) => job.ref)).toEqual(['revor:done']);
    await clock.advance(3_599_000);
    expect(revor.requests).toEqual([]);
    await clock.runUntil(() => tracker.size === 0);
    expect(revor.requests.length).toBeLessThanOrEqual(4);
    expect(settled.map((job) => job.result.isOk() && job.result.value.status)).toEqual([
      'succeeded',
      'succeeded',
    ]);
  });

  it('settles with the error when a job cannot be looked up, and retries what is retryable', async () => {
    const clock = createManualClock(T0);
    const revor = timedClient('revor', clock.now);
    revor.jobs.set('ok', { finishAt: T0 + 500 });
    revor.failNext.push({
      error: asyncJobError('server_error', '503', { provider: 'revor', httpStatus: 503 }),
    });
    const tracker = createJobTracker(registryOf(revor), { clock, random: () => 0.5, maxInFlight: 1 });
    tracker.track('revor:ok');
    tracker.track('revor:missing');
    const outcomes: SettledJob[] = [];
    const collecting = (async () => {
      for await (const settled of tracker.settled()) outcomes.push(settled);
    })();
    await clock.runUntil(() => tracker.size === 0);
    await collecting;
    const byRef = Object.fromEntries(outcomes.map((settled) => [settled.ref, settled.result]));
    expect(byRef['revor:ok']?._unsafeUnwrap().status).toBe('succeeded');
    expect(byRef['revor:missing']?._unsafeUnwrapErr().kind).toBe('not_found');
  });

  it('refuses a bad ref with a config error', () => {
    const clock = createManualClock(T0);
    const tracker = createJobTracker(registryOf(timedClient('revor', clock.now)), { clock });
    expect(tracker.track('nope')._unsafeUnwrapErr()).toMatchObject({ kind: 'config', field: 'ref' });
    expect(tracker.track('outx:1')._unsafeUnwrapErr()).toMatchObject({ kind: 'config', field: 'provider' });
  });

  it('gives up on a job at its deadline with poll_timeout', async () => {
    const clock = createManualClock(T0);
    const revor = timedClient('revor', clock.now);
    revor.jobs.set('slow', { finishAt: T0 + 3_600_000 });
    const tracker = createJobTracker(registryOf(revor), { clock, random: () => 0.5, timeoutMs: 60_000 });
    tracker.track('revor:slow');
    const draining = tracker.drain();
    const spent = await clock.runUntil(() => tracker.size === 0);
    expect((await draining)._unsafeUnwrap().errors).toBe(1);
    expect(spent).toBeLessThanOrEqual(60_000);
  });

  it('restores a snapshot in a new tracker and finishes every job', async () => {
    const clock = createManualClock(T0);
    const revor = timedClient('revor', clock.now);
    for (let index = 0; index < 10; index += 1) revor.jobs.set(`j${index}`, { finishAt: T0 + 30_000 });
    const first = createJobTracker(registryOf(revor), { clock, random: () => 0.5 });
    for (let index = 0; index < 10; index += 1) first.track(`revor:j${index}`, { operation: 'dispatch' });
    await clock.advance(5000);
    const snapshot = JSON.parse(JSON.stringify(first.snapshot()));
    first.abort();
    expect(snapshot.jobs).toHaveLength(10);
    expect(snapshot.jobs[0]).toMatchObject({ operation: 'dispatch', status: 'running' });

    const second = createJobTracker(registryOf(revor), { clock, random: () => 0.5 });
    expect(second.restore(snapshot)._unsafeUnwrap()).toBe(10);
    const draining = second.drain();
    await clock.runUntil(() => second.size === 0);
    expect((await draining)._unsafeUnwrap()).toMatchObject({ succeeded: 10, errors: 0 });
  });

  it('refuses a malformed snapshot with a config error naming the field', () => {
    const clock = createManualClock(T0);
    const tracker = createJobTracker(registryOf(timedClient('revor', clock.now)), { clock });
    expect(
      tracker.restore({ version: 1, takenAt: 0, jobs: [{ ref: 'revor:x' }] })._unsafeUnwrapErr(),
    ).toMatchObject({
      kind: 'config',
      field: 'snapshot.jobs.0.operation',
    });
    expect(tracker.restore('{')._unsafeUnwrapErr()).toMatchObject({ kind: 'config', field: 'snapshot' });
  });

  it('learns durations and checks fewer times once it knows them', async () => {
    const clock = createManualClock(T0);
    const revor = timedClient('revor', clock.now, 250);
    const run = async (tracker: ReturnType<typeof createJobTracker>, prefix: string, start: number) => {
      for (let index = 0; index < 20; index += 1) {
        revor.jobs.set(`${prefix}${index}`, { startAt: start, finishAt: start + 8000 + index * 10 });
        tracker.track(`revor:${prefix}${index}`, { operation: 'dispatch' });
      }
      const before = revor.requests.length;
      await clock.runUntil(() => tracker.size === 0);
      return revor.requests.length - before;
    };
    const plain = createJobTracker(registryOf(revor), {
      clock,
      random: () => 0.5,
      adaptive: false,
      rateLimits: { revor: { limit: 1000, windowMs: 1000 } },
    });
    const plainRequests = await run(plain, 'p', clock.now());
    const learning = createJobTracker(registryOf(revor), {
      clock,
      random: () => 0.5,
      rateLimits: { revor: { limit: 1000, windowMs: 1000 } },
    });
    await run(learning, 'warm', clock.now());
    const learnedRequests = await run(learning, 'l', clock.now());
    expect(learnedRequests).toBeLessThan(plainRequests);
  });
});
