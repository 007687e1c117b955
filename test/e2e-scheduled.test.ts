import {
  type AsyncJob,
  type AsyncJobError,
  createJobRegistry,
  createJobTracker,
  waitForJob,
} from '@asyncjob/core';
import { createRevkeen } from '@asyncjob/revkeen';
import { createRevor, type RevorDispatchInput } from '@asyncjob/revor';
import { describe, expect, it } from 'vitest';
import { ALL_SUCCEED, expectMatchesTruth, FAST_POLL, factories, unwrap, useSimulator } from './e2e/harness';

/** A fetch that notes when each job lookup leaves the client. */
function recordingFetch(): { fetch: typeof globalThis.fetch; lookups: { id: string; atMs: number }[] } {
  const lookups: { id: string; atMs: number }[] = [];
  const fetch: typeof globalThis.fetch = (input, init) => {
    const request = new Request(input, init);
    const lookup = /\/outreach\/jobs\/([^/?]+)$/.exec(new URL(request.url).pathname);
    if (request.method === 'GET' && lookup)
      lookups.push({ id: decodeURIComponent(lookup[1] as string), atMs: Date.now() });
    return globalThis.fetch(request);
  };
  return { fetch, lookups };
}

// The pacing gap is `min_channel_task_interval_seconds` times the simulator's timeScale: 3600 s × 0.0004 = 1.44 s.
const TIME_SCALE = 0.0004;
const INTERVAL_SECONDS = 3600;
const GAP_MS = INTERVAL_SECONDS * 1000 * TIME_SCALE;

function dispatchOn(channel: 'email' | 'whatsapp'): RevorDispatchInput {
  const common = {
    minChannelTaskIntervalSeconds: INTERVAL_SECONDS,
    // Exact durations once the task may start: 30 ms queued, 60 ms of work.
    metadata: { simulate: { queuedMs: 30, runMs: 60 } },
  };
  return channel === 'email'
    ? {
        ...common,
        channel,
        accountId: 'connect_account_k1_email',
        recipient: { address: 'grace@example.com' },
        content: { subject: 'Hello', text: 'Hello Grace' },
      }
    : {
        ...common,
        channel,
        accountId: 'connect_account_k1_whatsapp',
        recipient: { phone: '+14155550100' },
        content: { text: 'Hello Grace' },
      };
}

describe('a Revor task paced to a later start', () => {
  it('is not looked up before its scheduled_at, by waitForJob nor by the tracker', async () => {
    const simulator = await useSimulator({ seed: 601, timeScale: TIME_SCALE, outcomes: ALL_SUCCEED });
    const { fetch, lookups } = recordingFetch();
    const apiKey = simulator.keys.revor[0] as string;
    const revor = createRevor({ apiKey, baseUrl: simulator.baseUrls.revor, fetch });

    // The first task on each account and channel starts now; the second is paced one gap later.
    const startedAtMs = Date.now();
    unwrap(await revor.dispatch(dispatchOn('email')));
    unwrap(await revor.dispatch(dispatchOn('whatsapp')));
    const forWait = unwrap(await revor.dispatch(dispatchOn('email')));
    const forTracker = unwrap(await revor.dispatch(dispatchOn('whatsapp')));
    for (const job of [forWait, forTracker]) {
      expect(job).toMatchObject({ status: 'scheduled', rawStatus: 'scheduled' });
      expect(job.scheduledAt?.getTime()).toBeGreaterThanOrEqual(startedAtMs + GAP_MS);
    }

    const registry = unwrap(
      createJobRegistry({
        factories,
        configs: [{ provider: 'revor', apiKey, baseUrl: simulator.baseUrls.revor, fetch }],
      }),
    );
    const tracker = createJobTracker(registry, {
      backoff: { minDelayMs: FAST_POLL.minDelayMs, maxDelayMs: FAST_POLL.maxDelayMs, initialDelayMs: 40 },
      adaptive: false,
      rateLimits: { revor: { limit: 50, windowMs: 1000 } },
      timeoutMs: 15_000,
    });
    unwrap(tracker.track(forTracker));
    const seenByWait: AsyncJob[] = [];
    const [waited, drained] = await Promise.all([
      waitForJob(revor, forWait.id, {
        ...FAST_POLL,
        initialJob: forWait,
        onUpdate: (job) => seenByWait.push(job),
      }),
      tracker.drain(),
    ]);
    const seenByTracker = unwrap(drained);
    tracker.abort();

    expect(unwrap(waited).status).toBe('succeeded');
    expectMatchesTruth(simulator, unwrap(waited));
    expect(seenByTracker).toMatchObject({ succeeded: 1, errors: 0 });
    for (const job of [forWait, forTracker]) {
      const own = lookups.filter((lookup) => lookup.id === job.id);
      // Not one lookup while the task could not have moved, and only a few once it could.
      expect(own.length).toBeGreaterThan(0);
      expect(own.length).toBeLessThanOrEqual(6);
      expect(own[0]?.atMs).toBeGreaterThanOrEqual(job.scheduledAt?.getTime() as number);
    }
    // The vendor never answered `scheduled` to a lookup: it was never asked too early.
    expect(seenByWait.slice(1).map((job) => job.rawStatus)).not.toContain('scheduled');
    expect(simulator.stats().byVendor.revor.byEndpoint['GET /outreach/jobs/:id']).toBe(lookups.length);
  });
});

/** A fetch that notes when each request leaves and what status came back. */
function statusRecordingFetch(): {
  fetch: typeof globalThis.fetch;
  exchanges: { atMs: number; status: number }[];
} {
  const exchanges: { atMs: number; status: number }[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const atMs = Date.now();
    const response = await globalThis.fetch(new Request(input, init));
    exchanges.push({ atMs, status: response.status });
    return response;
  };
  return { fetch, exchanges };
}

describe('a vendor that rate-limits lookups', () => {
  it('is asked again only after its Retry-After (RevKeen)', async () => {
    const simulator = await useSimulator({
      seed: 611,
      rateLimits: { revkeen: { limit: 2, windowMs: 1_000 } },
    });
    const { fetch, exchanges } = statusRecordingFetch();
    const revkeen = createRevkeen({
      apiKey: simulator.keys.revkeen[0],
      baseUrl: simulator.baseUrls.revkeen,
      fetch,
    });
    const created = unwrap(
      await revkeen.runAutomation(simulator.automations[0]?.id as string, {
        triggerPayload: { simulate: { queuedMs: 0, runMs: 1_500, outcome: 'succeeded' } },
      }),
    );
    const retries: AsyncJobError[] = [];

    const job = unwrap(
      await waitForJob(revkeen, created.id, {
        ...FAST_POLL,
        maxDelayMs: 100,
        onRetry: (error) => retries.push(error),
      }),
    );

    expect(job.status).toBe('succeeded');
    expect(retries.length).toBeGreaterThan(0);
    for (const error of retries) expect(error).toMatchObject({ kind: 'rate_limited', retryAfterMs: 1_000 });
    // After each 429 the next request waits the full Retry-After: at most one 429 per window.
    exchanges.forEach((exchange, index) => {
      const next = exchanges[index + 1];
      if (exchange.status === 429 && next)
        expect(next.atMs - exchange.atMs).toBeGreaterThanOrEqual(1_000 - 5);
    });
    expect(exchanges.filter((exchange) => exchange.status === 429).length).toBeLessThanOrEqual(3);
  });

  it("is never run into its limit when it tells its window in headers (Revor's X-RateLimit-*)", async () => {
    const simulator = await useSimulator({
      seed: 612,
      revorPacing: false,
      rateLimits: { revor: { limit: 3, windowMs: 1_000 } },
    });
    const { fetch, exchanges } = statusRecordingFetch();
    const revor = createRevor({ apiKey: simulator.keys.revor[0], baseUrl: simulator.baseUrls.revor, fetch });
    const created = unwrap(
      await revor.dispatch({
        ...dispatchOn('email'),
        minChannelTaskIntervalSeconds: 60,
        metadata: { simulate: { queuedMs: 0, runMs: 1_500, outcome: 'succeeded', retries: 0 } },
      }),
    );

    const job = unwrap(
      await waitForJob(revor, created.id, { ...FAST_POLL, maxDelayMs: 100, initialJob: created }),
    );

    expect(job.status).toBe('succeeded');
    expect(exchanges.map((exchange) => exchange.status)).not.toContain(429);
    expect(simulator.stats().byVendor.revor.rateLimited).toBe(0);
  });
});
