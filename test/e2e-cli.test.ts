import { existsSync } from 'node:fs';
import type { AsyncJob } from '@asyncjob/core';
import { createOration } from '@asyncjob/oration';
import { createOutx } from '@asyncjob/outx';
import { createRevkeen } from '@asyncjob/revkeen';
import { createRevor } from '@asyncjob/revor';
import {
  type RunningSimulator,
  type SimulateDirective,
  type SimulatedVendor,
  startSimulator,
} from '@asyncjob/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sleep, truthOf, unwrap } from './e2e/harness';
import { CLI_BIN, type CliRun, jsonLines, runCli } from './e2e/run-cli';

// Recognisable keys: whatever the command prints, none of these may appear in it.
const KEYS = {
  revor: 'sk-revor-E2E-CLI-SECRET-7c41d0',
  outx: 'outx-E2E-CLI-SECRET-7c41d0',
  oration: 'oration-E2E-CLI-SECRET-7c41d0',
  revkeen: 'rk_sandbox_E2E_CLI_SECRET_7c41d0',
  wrongRevor: 'sk-revor-E2E-CLI-WRONG-SECRET-9e05aa',
} as const;
const WORKSPACE = { workspaceSlug: 'cli-e2e', workspaceId: '2b1f0c6e-5d4a-4c3b-9e8f-7a6b5c4d3e2f' };
const SECRETS = Object.values(KEYS);

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const QUICK: SimulateDirective = { queuedMs: 0, runMs: 5, retries: 0 };
const LINGERS: SimulateDirective = { queuedMs: 600_000 };

let simulator: RunningSimulator;
/** Every run of the command in this file, checked for keys at the end and as each run ends. */
const runs: CliRun[] = [];
const jobs: Record<string, AsyncJob> = {};

function cliEnv(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    REVOR_API_KEY: KEYS.revor,
    REVOR_BASE_URL: simulator.baseUrls.revor,
    OUTX_API_KEY: KEYS.outx,
    OUTX_BASE_URL: simulator.baseUrls.outx,
    ORATION_API_KEY: KEYS.oration,
    ORATION_WORKSPACE_SLUG: WORKSPACE.workspaceSlug,
    ORATION_BASE_URL: simulator.baseUrls.oration,
    REVKEEN_API_KEY: KEYS.revkeen,
    REVKEEN_BASE_URL: simulator.baseUrls.revkeen,
    ...overrides,
  };
}

async function asyncjob(args: readonly string[], env = cliEnv()): Promise<CliRun> {
  const run = await runCli(args, env);
  runs.push(run);
  for (const secret of SECRETS) {
    expect(run.stdout).not.toContain(secret);
    expect(run.stderr).not.toContain(secret);
  }
  return run;
}

/** Creates a job through the adapters with a forced fate, so that the command finds it settled or not. */
async function createAt(vendor: SimulatedVendor, directive: SimulateDirective): Promise<AsyncJob> {
  const { baseUrls } = simulator;
  simulator.control.planNextJob(vendor, directive);
  switch (vendor) {
    case 'revor':
      return unwrap(
        await createRevor({ apiKey: KEYS.revor, baseUrl: baseUrls.revor }).dispatch({
          channel: 'email',
          accountId: 'connect_account_k1_email',
          recipient: { address: 'grace@example.com' },
          content: { subject: 'Hello', text: 'Hello Grace' },
        }),
      );
    case 'outx':
      return unwrap(
        await createOutx({ apiKey: KEYS.outx, baseUrl: baseUrls.outx }).fetchProfile({
          profileSlug: 'grace',
        }),
      );
    case 'oration':
      return unwrap(
        await createOration({
          apiKey: KEYS.oration,
          workspaceSlug: WORKSPACE.workspaceSlug,
          baseUrl: baseUrls.oration,
        }).createCustomerBatch({ customers: [{ identifier: `c-${Math.random()}` }], strategy: 'upsert' }),
      );
    case 'revkeen':
      return unwrap(
        await createRevkeen({ apiKey: KEYS.revkeen, baseUrl: baseUrls.revkeen }).runAutomation(
          simulator.automations[0]?.id as string,
        ),
      );
  }
}

beforeAll(async () => {
  expect(existsSync(CLI_BIN), `${CLI_BIN} is missing: build the CLI first`).toBe(true);
  const started = await startSimulator({
    seed: 801,
    // Jobs here run on exact durations; no pacing gap between two dispatches on one account.
    revorPacing: false,
    keys: {
      revor: [KEYS.revor],
      outx: [KEYS.outx],
      oration: [{ apiKey: KEYS.oration, ...WORKSPACE }],
      revkeen: [KEYS.revkeen],
    },
  });
  if (started.isErr()) throw new Error(`The simulator did not start: ${started.error.message}`);
  simulator = started.value;
  for (const vendor of ['revor', 'outx', 'oration', 'revkeen'] as const) {
    jobs[`${vendor}:succeeded`] = await createAt(vendor, { ...QUICK, outcome: 'succeeded' });
  }
  jobs['revor:failed'] = await createAt('revor', { ...QUICK, outcome: 'failed' });
  jobs['oration:failed'] = await createAt('oration', { ...QUICK, outcome: 'failed' });
  jobs['revkeen:lingering'] = await createAt('revkeen', LINGERS);
  // Settled at the vendor before the command first looks (exact durations of a few milliseconds).
  const settledAtVendor = () =>
    Object.entries(jobs).every(
      ([name, job]) => name.endsWith('lingering') || truthOf(simulator, job).terminal,
    );
  while (!settledAtVendor()) await sleep(10);
});

afterAll(async () => {
  await simulator?.close();
});

const ref = (name: string) => (jobs[name] as AsyncJob).ref;

describe('asyncjob wait: exit codes', () => {
  it('exits 0 when every job succeeded, and --json prints one parsable job per line', async () => {
    const refs = ['revor:succeeded', 'outx:succeeded', 'oration:succeeded', 'revkeen:succeeded'].map(ref);
    const run = await asyncjob(['wait', ...refs, '--json', '--timeout', '20s']);

    expect(run.code).toBe(0);
    const lines = jsonLines(run.stdout);
    expect(lines.map((line) => line.ref).sort()).toEqual([...refs].sort());
    for (const line of lines) {
      expect(line).toMatchObject({ status: 'succeeded', terminal: true, failure: null });
      expect(line).not.toHaveProperty('raw');
      expect(line.createdAt === null || ISO_DATE.test(String(line.createdAt))).toBe(true);
      expect(line.finishedAt === null || ISO_DATE.test(String(line.finishedAt))).toBe(true);
    }
    // Human messages go to stderr only.
    expect(run.stderr).not.toBe('');
  });

  it('exits 1 when a job failed, and prints its failure', async () => {
    const run = await asyncjob(['wait', ref('revor:succeeded'), ref('revor:failed'), ref('oration:failed')]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`${ref('revor:failed')}  failed`);
    expect(run.stdout).toContain(`${ref('oration:failed')}  failed`);
  });

  it('exits 3 on a request error, and --json prints the error as a line', async () => {
    const missing = 'revor:00000000-0000-4000-8000-000000000000';
    const run = await asyncjob(['wait', ref('outx:succeeded'), missing, '--json']);
    expect(run.code).toBe(3);
    const lines = jsonLines(run.stdout);
    expect(lines).toHaveLength(2);
    expect(lines.find((line) => line.ref === missing)).toEqual({
      ref: missing,
      error: {
        kind: 'not_found',
        code: expect.any(String),
        message: expect.any(String),
        httpStatus: 404,
        requestId: expect.any(String),
      },
    });
  });

  it('exits 3 when the key is refused, without printing it', async () => {
    const run = await asyncjob(['wait', ref('revor:succeeded')], cliEnv({ REVOR_API_KEY: KEYS.wrongRevor }));
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/unauthorized/);
  });

  it('exits 4 when the timeout passes first', async () => {
    const run = await asyncjob(['wait', ref('revkeen:lingering'), '--timeout', '1500ms', '--json']);
    expect(run.code).toBe(4);
    const [line] = jsonLines(run.stdout);
    expect(line).toMatchObject({ ref: ref('revkeen:lingering'), error: { kind: 'poll_timeout' } });
  });

  it('exits 2 on usage and config errors, before any request', async () => {
    const before = simulator.stats().requests;
    const usage = await Promise.all([
      asyncjob(['wait', 'not-a-ref']),
      asyncjob(['wait', ref('revor:succeeded'), '--timeout', 'soon']),
      asyncjob(['frobnicate']),
      asyncjob(['wait']),
      asyncjob(['status', ref('revor:succeeded')], { REVOR_BASE_URL: simulator.baseUrls.revor }),
      asyncjob(['status', ref('revor:succeeded')], cliEnv({ REVOR_BASE_URL: 'http://example.com/api/v1' })),
      asyncjob(['submit', 'revor', 'dispatch', '--data', '{"channel":"email"}']),
      asyncjob(['submit', 'revor', 'dispatch', '--data', '{not json']),
    ]);
    expect(usage.map((run) => run.code)).toEqual([2, 2, 2, 2, 2, 2, 2, 2]);
    for (const run of usage) expect(run.stderr).not.toBe('');
    expect(simulator.stats().requests).toBe(before);
  });
});

describe('asyncjob status and submit', () => {
  it('status exits 0 for a failed job (the lookup worked) and 3 for an unknown one', async () => {
    const failed = await asyncjob(['status', ref('revor:failed'), '--json']);
    expect(failed.code).toBe(0);
    expect(jsonLines(failed.stdout)).toEqual([
      expect.objectContaining({ ref: ref('revor:failed'), status: 'failed', failure: expect.any(Object) }),
    ]);
    const unknown = await asyncjob(['status', 'oration:00000000-0000-4000-8000-000000000000']);
    expect(unknown.code).toBe(3);
  });

  it('submit creates a job, and with --wait exits as wait does', async () => {
    const data = JSON.stringify({
      automationId: simulator.automations[0]?.id,
      triggerPayload: { invoice: 'inv_cli', simulate: QUICK },
    });
    const created = await asyncjob(['submit', 'revkeen', 'run', '--data', data, '--json']);
    expect(created.code).toBe(0);
    const [job] = jsonLines(created.stdout);
    expect(job).toMatchObject({ provider: 'revkeen', terminal: false });
    expect(simulator.control.jobTruth('revkeen', String(job?.id).split('/')[1] as string)).toBeDefined();

    const waited = await asyncjob(['submit', 'revkeen', 'run', '--data', data, '--wait', '--json']);
    expect(waited.code).toBe(0);
    expect(jsonLines(waited.stdout)).toEqual([expect.objectContaining({ status: 'succeeded' })]);
  });
});

describe('asyncjob output', () => {
  it('never contains a key, in any run of this file', () => {
    expect(runs.length).toBeGreaterThan(10);
    const everything = runs.map((run) => run.stdout + run.stderr).join('\n');
    for (const secret of SECRETS) expect(everything).not.toContain(secret);
  });
});
