import { type AsyncJob, configFromEnv, createJobClient, type JobStatus, waitForJob } from '@asyncjob/core';
import { DRIFT_STATUS, type RunningSimulator } from '@asyncjob/simulator';
import { describe, expect, it } from 'vitest';
import {
  ALL_SUCCEED,
  allKeys,
  expectMatchesTruth,
  expectNoSecret,
  FAST_POLL,
  factories,
  simulatorConfig,
  unwrap,
  useSimulator,
} from './e2e/harness';

/** What to create at each vendor: an operation name and its input. This is the only vendor-specific part. */
function workFor(simulator: RunningSimulator): Record<string, { operation: string; input: unknown }> {
  return {
    revor: {
      operation: 'dispatch',
      input: {
        channel: 'email',
        accountId: 'connect_account_k1_email',
        recipient: { address: 'ada@example.com', name: 'Ada' },
        content: { subject: 'Hello', text: 'A short note.' },
      },
    },
    outx: { operation: 'fetch-profile', input: { profileSlug: 'williamhgates' } },
    oration: {
      operation: 'customers-batch',
      input: { customers: [{ identifier: 'cust-1', name: 'Ada Lovelace' }], strategy: 'upsert' },
    },
    revkeen: {
      operation: 'run',
      input: { automationId: simulator.automations[0]?.id, triggerPayload: { invoice: 'inv_1' } },
    },
  };
}

describe('one waiting code path for four vendors', () => {
  it('creates and waits on a job at each vendor with the same waitForJob call, the vendor chosen by config', async () => {
    const simulator = await useSimulator({ seed: 101, timeScale: 0.01, outcomes: ALL_SUCCEED });
    const [revorKey] = simulator.keys.revor;
    const [outxKey] = simulator.keys.outx;
    const [orationKey] = simulator.keys.oration;
    const [revkeenKey] = simulator.keys.revkeen;
    // The configuration a deployment would hold in its environment.
    const configs = unwrap(
      configFromEnv({
        REVOR_API_KEY: revorKey,
        REVOR_BASE_URL: simulator.baseUrls.revor,
        OUTX_API_KEY: outxKey,
        OUTX_BASE_URL: simulator.baseUrls.outx,
        ORATION_API_KEY: orationKey?.apiKey,
        ORATION_WORKSPACE_SLUG: orationKey?.workspaceSlug,
        ORATION_BASE_URL: simulator.baseUrls.oration,
        REVKEEN_API_KEY: revkeenKey,
        REVKEEN_BASE_URL: simulator.baseUrls.revkeen,
      }),
    );
    expect(configs.map((config) => config.provider)).toEqual(['revor', 'outx', 'oration', 'revkeen']);
    const work = workFor(simulator);

    const settled: AsyncJob[] = [];
    for (const config of configs) {
      const { operation, input } = work[config.provider] as { operation: string; input: unknown };
      // From here on nothing names a vendor: the same client surface and the very same wait.
      const client = unwrap(createJobClient(config, factories));
      const created = unwrap(await client.submit(operation, input));
      const seen: string[] = [];
      const job = unwrap(
        await waitForJob(client, created.id, {
          ...FAST_POLL,
          onStatusChange: (next) => seen.push(next.status),
        }),
      );
      expect(job.ref).toBe(created.ref);
      expect(seen.at(-1)).toBe('succeeded');
      settled.push(job);
    }

    expect(settled.map((job) => [job.provider, job.status, job.terminal])).toEqual([
      ['revor', 'succeeded', true],
      ['outx', 'succeeded', true],
      ['oration', 'succeeded', true],
      ['revkeen', 'succeeded', true],
    ]);
    for (const job of settled) expectMatchesTruth(simulator, job);
    expect(simulator.stats().jobsCreated).toBe(4);
    expectNoSecret(settled, allKeys(simulator));
  });
});

describe('a vendor status word no adapter knows', () => {
  it('is reported once per word, and the same wait goes on to the true end at every vendor', async () => {
    const simulator = await useSimulator({
      seed: 102,
      outcomes: ALL_SUCCEED,
      // Half of the job lookups answer with an undocumented status word and extra fields.
      faults: { driftRate: 0.5 },
    });
    const work = workFor(simulator);
    for (const vendor of ['revor', 'outx', 'oration', 'revkeen'] as const) {
      // Exact durations, long enough for several lookups.
      simulator.control.planNextJob(vendor, { queuedMs: 0, runMs: 400, retries: 0 });
      const client = unwrap(createJobClient(simulatorConfig(simulator, vendor), factories));
      const { operation, input } = work[vendor] as { operation: string; input: unknown };
      const created = unwrap(await client.submit(operation, input));
      const unknown: AsyncJob[] = [];
      const statuses: JobStatus[] = [];
      const job = unwrap(
        await waitForJob(client, created.id, {
          ...FAST_POLL,
          maxDelayMs: 50,
          onUpdate: (next) => statuses.push(next.status),
          onUnknownStatus: (next) => unknown.push(next),
        }),
      );
      expect(job.status).toBe('succeeded');
      expectMatchesTruth(simulator, job);
      // Seen several times (the seeded fault stream drifts some of the first lookups), reported once.
      expect(statuses.filter((status) => status === 'unknown').length).toBeGreaterThan(1);
      expect(unknown.map((next) => [next.status, next.rawStatus])).toEqual([['unknown', DRIFT_STATUS]]);
    }
    expect(simulator.stats().faults.drift).toBeGreaterThan(0);
  });
});
