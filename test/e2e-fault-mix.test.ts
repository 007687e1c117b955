import {
  type AsyncJob,
  type AsyncJobError,
  createJobRegistry,
  createJobTracker,
  type ProviderConfig,
  type SettledJob,
  waitForJob,
} from '@asyncjob/core';
import { createOration } from '@asyncjob/oration';
import { createOutx } from '@asyncjob/outx';
import { createRevkeen } from '@asyncjob/revkeen';
import { createRevor } from '@asyncjob/revor';
import type { RunningSimulator, SimulateDirective, SimulatedVendor } from '@asyncjob/simulator';
import type { ResultAsync } from 'neverthrow';
import { afterEach, describe, expect, it } from 'vitest';
import { factories, simulatorConfig, sleep, truthOf, unwrap, useSimulator, VENDORS } from './e2e/harness';

const JOBS_PER_VENDOR = 50;
/** A job that stays queued for ten minutes: still being polled when the tracker is aborted. */
const STAYS_QUEUED: SimulateDirective = { queuedMs: 600_000 };

/** One create per vendor, varied by index; creates that take an idempotency key retry through 429s. */
function creators(simulator: RunningSimulator) {
  const { baseUrls, keys } = simulator;
  const createRetry = { limit: 6, delayMs: 20 };
  const revor = createRevor({ apiKey: keys.revor[0], baseUrl: baseUrls.revor, createRetry });
  const outx = createOutx({ apiKey: keys.outx[0], baseUrl: baseUrls.outx });
  const oration = createOration({
    apiKey: keys.oration[0]?.apiKey,
    workspaceSlug: keys.oration[0]?.workspaceSlug,
    baseUrl: baseUrls.oration,
  });
  const revkeen = createRevkeen({ apiKey: keys.revkeen[0], baseUrl: baseUrls.revkeen, createRetry });
  const automationId = simulator.automations[0]?.id as string;
  const channels = [
    {
      channel: 'email',
      accountId: 'connect_account_k1_email',
      recipient: { address: 'lead@example.com' },
      content: { subject: 'Hi', text: 'Hello' },
    },
    {
      channel: 'linkedin',
      accountId: 'connect_account_k1_linkedin',
      recipient: { profileUrl: 'https://www.linkedin.com/in/lead' },
      content: { text: 'Hello' },
    },
    {
      channel: 'whatsapp',
      accountId: 'connect_account_k1_whatsapp',
      recipient: { phone: '+14155550100' },
      content: { text: 'Hello' },
    },
  ] as const;
  return {
    revor: (index: number): ResultAsync<AsyncJob, AsyncJobError> =>
      index % 4 === 3
        ? revor.likePost({ profileUrl: `https://www.linkedin.com/in/lead-${index}`, topic: 'sales' })
        : revor.dispatch({ ...channels[index % 3], metadata: { index } } as never),
    outx: (index: number): ResultAsync<AsyncJob, AsyncJobError> =>
      [
        () => outx.fetchProfile({ profileSlug: `lead-${index}` }),
        () => outx.sendMessage({ recipientUrn: `urn:li:person:${index}`, message: 'Hello' }),
        () => outx.sendConnectionRequest({ profileUrn: `urn:li:fsd_profile:${index}` }),
        () => outx.likePost({ socialUrn: `urn:li:activity:${index}` }),
        () => outx.searchProfiles({ keywords: `lead ${index}` }),
        () => outx.fetchConnections({ count: 10 }),
      ][index % 6]?.() as ResultAsync<AsyncJob, AsyncJobError>,
    oration: (index: number): ResultAsync<AsyncJob, AsyncJobError> =>
      oration.createCustomerBatch({
        customers: [{ identifier: `crm-${index}`, name: `Lead ${index}` }],
        strategy: 'upsert',
      }),
    revkeen: (index: number): ResultAsync<AsyncJob, AsyncJobError> =>
      revkeen.runAutomation(automationId, { triggerPayload: { index } }),
  } satisfies Record<SimulatedVendor, (index: number) => ResultAsync<AsyncJob, AsyncJobError>>;
}

/** Counts of each kind of active resource (handles and requests) in this process. */
function activeResources(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const name of process.getActiveResourcesInfo()) counts.set(name, (counts.get(name) ?? 0) + 1);
  return counts;
}

/** The kinds of resource of which there are more now than in `before`. */
function leakedSince(before: Map<string, number>): Record<string, number> {
  const leaked: Record<string, number> = {};
  for (const [name, count] of activeResources()) {
    const extra = count - (before.get(name) ?? 0);
    if (extra > 0) leaked[name] = extra;
  }
  return leaked;
}

const rejections: unknown[] = [];
const onRejection = (reason: unknown) => rejections.push(reason);
afterEach(() => {
  process.off('unhandledRejection', onRejection);
});

describe('one tracker over ~200 jobs at four vendors, under a fault mix', () => {
  it('settles every job in its true terminal state, loses none, and stops cleanly', {
    timeout: 30_000,
  }, async () => {
    process.on('unhandledRejection', onRejection);
    const resourcesBefore = activeResources();
    const simulator = await useSimulator({
      seed: 701,
      timeScale: 0.05,
      // Pacing is covered on its own; here Revor tasks may start at once.
      revorPacing: false,
      // Tight budgets, so the tracker runs into 429 bursts (Revor also tells its window in headers).
      rateLimits: { revor: { limit: 60, windowMs: 1_000 }, revkeen: { limit: 60, windowMs: 1_000 } },
    });
    const configs = Object.fromEntries(
      VENDORS.map((vendor) => [vendor, simulatorConfig(simulator, vendor)]),
    ) as Record<SimulatedVendor, ProviderConfig>;
    const create = creators(simulator);

    // Four jobs that outlive the test, then fifty per vendor, all created before the faults start.
    const lingering: AsyncJob[] = [];
    for (const vendor of VENDORS) {
      simulator.control.planNextJob(vendor, STAYS_QUEUED);
      lingering.push(unwrap(await create[vendor](1_000)));
    }
    const jobs = (
      await Promise.all(
        VENDORS.map(async (vendor) => {
          const created: AsyncJob[] = [];
          const pending = Array.from({ length: JOBS_PER_VENDOR }, (_, index) => create[vendor](index));
          for (const result of await Promise.all(pending)) created.push(unwrap(result));
          return created;
        }),
      )
    ).flat();
    expect(jobs).toHaveLength(4 * JOBS_PER_VENDOR);
    expect(new Set(jobs.map((job) => job.ref)).size).toBe(jobs.length);
    expect(simulator.stats().jobsCreated).toBe(jobs.length + lingering.length);

    simulator.control.setFaults({
      serverErrorRate: 0.1,
      htmlErrorShare: 0.5,
      resetRate: 0.05,
      malformedRate: 0.02,
    });
    simulator.stats.reset();

    const registry = unwrap(createJobRegistry({ factories, configs: Object.values(configs) }));
    const settled = new Map<string, SettledJob>();
    const settledTwice: string[] = [];
    let allSettled: () => void = () => {};
    const everyJobSettled = new Promise<void>((resolve) => {
      allSettled = resolve;
    });
    const tracker = createJobTracker(registry, {
      // Budgets above the simulator's: the tracker has to learn them from 429s and headers.
      rateLimits: Object.fromEntries(VENDORS.map((vendor) => [vendor, { limit: 200, windowMs: 1_000 }])),
      backoff: { minDelayMs: 20, maxDelayMs: 300, initialDelayMs: 50 },
      timeoutMs: 30_000,
      random: mulberry32(7),
      onSettled: (job) => {
        if (settled.has(job.ref)) settledTwice.push(job.ref);
        settled.set(job.ref, job);
        if (settled.size === jobs.length) allSettled();
      },
    });
    const trackedAt = Date.now();
    for (const job of [...lingering, ...jobs]) unwrap(tracker.track(job, { operation: job.provider }));
    await everyJobSettled;

    // Most jobs were still under way when tracking began: the tracker saw them move, not just their end.
    const finishedLater = simulator.control.jobs().filter((truth) => (truth.finishedAtMs ?? 0) > trackedAt);
    expect(finishedLater.length).toBeGreaterThan(jobs.length / 4);

    // None lost, none settled twice, none failed to be read, each in the state the simulator knows to be true.
    expect(settledTwice).toEqual([]);
    expect([...settled.keys()].sort()).toEqual(jobs.map((job) => job.ref).sort());
    const mismatches: string[] = [];
    for (const { ref, result } of settled.values()) {
      if (result.isErr()) {
        mismatches.push(`${ref}: ${result.error.kind} ${result.error.message}`);
        continue;
      }
      const truth = truthOf(simulator, result.value);
      if (!truth.terminal || truth.outcome !== result.value.status) {
        mismatches.push(`${ref}: saw ${result.value.status}, truth ${truth.status} (${truth.outcome})`);
      }
    }
    expect(mismatches).toEqual([]);
    const outcomes = new Set([...settled.values()].map(({ result }) => result.isOk() && result.value.status));
    expect(outcomes).toContain('succeeded');
    expect(outcomes).toContain('failed');

    // The faults really happened, and the tracker ran into the rate limits.
    const stats = simulator.stats();
    expect(stats.faults.server_error).toBeGreaterThan(0);
    expect(stats.faults.reset).toBeGreaterThan(0);
    expect(stats.faults.malformed).toBeGreaterThan(0);
    expect(stats.byStatus['429']).toBeGreaterThan(0);
    expect(tracker.stats().rateLimited).toBeGreaterThan(0);
    expect(tracker.stats().tracked).toBe(lingering.length);

    // Abort while the lingering jobs are still polled: after the requests in flight end, not one more request.
    tracker.abort();
    await sleep(100);
    const requestsAtAbort = simulator.stats().requests;
    await sleep(1_000);
    expect(simulator.stats().requests).toBe(requestsAtAbort);
    expect(tracker.track(jobs[0] as AsyncJob)._unsafeUnwrapErr().kind).toBe('aborted');

    // Once the simulator is closed, nothing this test opened is left: no socket, no timer.
    await simulator.close();
    await expect.poll(() => leakedSince(resourcesBefore), { timeout: 2_000 }).toEqual({});
    expect(rejections).toEqual([]);
  });
});

/** A small seeded generator, so the tracker's jitter is the same on every run. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}

describe('a wait aborted by its caller', () => {
  it('ends at once with aborted, mid-request, and leaves no request, timer or socket behind', async () => {
    process.on('unhandledRejection', onRejection);
    const resourcesBefore = activeResources();
    const simulator = await useSimulator({ seed: 711 });
    const outx = createOutx({ apiKey: simulator.keys.outx[0], baseUrl: simulator.baseUrls.outx });
    simulator.control.planNextJob('outx', STAYS_QUEUED);
    const created = unwrap(await outx.fetchProfile({ profileSlug: 'grace' }));
    // Every answer now comes 5 s late: the abort lands while a lookup is in flight.
    simulator.control.setFaults({ outx: { slowRate: 1, slowMs: 5_000 } });
    const controller = new AbortController();
    const waiting = waitForJob(outx, created.id, { minDelayMs: 20, signal: controller.signal });
    await expect.poll(() => simulator.stats().faults.slow).toBe(1);

    const abortedAt = Date.now();
    controller.abort();
    const error = (await waiting)._unsafeUnwrapErr();

    expect(error).toMatchObject({ kind: 'aborted', provider: 'outx', retryable: false });
    expect(Date.now() - abortedAt).toBeLessThan(1_000);
    await sleep(300);
    expect(simulator.stats().faults.slow).toBe(1);
    await simulator.close();
    await expect.poll(() => leakedSince(resourcesBefore), { timeout: 2_000 }).toEqual({});
    expect(rejections).toEqual([]);
  });
});
