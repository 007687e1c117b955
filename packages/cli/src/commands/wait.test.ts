import type { RunningSimulator } from '@asyncjob/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../main';
import {
  argv,
  createJob,
  createTestIo,
  envFor,
  FAST_TRACKER,
  QUIET_SIMULATOR,
  startTestSimulator,
} from '../test-support';

let simulator: RunningSimulator;
let env: Record<string, string>;

beforeAll(async () => {
  simulator = await startTestSimulator(QUIET_SIMULATOR);
  env = envFor(simulator);
});

afterAll(async () => {
  await simulator.close();
});

const quick = { outcome: 'succeeded', queuedMs: 0, runMs: 150 } as const;
const wait = (args: string[], io: ReturnType<typeof createTestIo>['io']) =>
  main(argv('wait', ...args), io, { tracker: FAST_TRACKER, progressIntervalMs: 50 });

describe('asyncjob wait', () => {
  it('waits for jobs on all four vendors with one tracker: exit 0, one JSON line per job', async () => {
    const jobs = [
      await createJob(simulator, 'revor', quick),
      await createJob(simulator, 'outx', quick),
      await createJob(simulator, 'oration', quick),
      await createJob(simulator, 'revkeen', quick),
    ];
    const test = createTestIo({ env });
    expect(await wait([...jobs.map((job) => job.ref), '--json'], test.io)).toBe(0);
    const lines = test.stdoutLines().map((line) => JSON.parse(line));
    expect(lines).toHaveLength(4);
    expect(lines.map((line) => line.ref).sort()).toEqual(jobs.map((job) => job.ref).sort());
    for (const line of lines) {
      expect(line).toMatchObject({ status: 'succeeded', terminal: true });
      expect(line).not.toHaveProperty('raw');
      expect(line.finishedAt === null || !Number.isNaN(Date.parse(line.finishedAt))).toBe(true);
    }
    expect(test.stderr()).toMatch(/done in \d+\.\ds \(\d+ requests\): 4 succeeded\n$/);
  });

  it('prints each job as it settles: the quick one first', async () => {
    const slow = await createJob(simulator, 'revkeen', { outcome: 'succeeded', queuedMs: 0, runMs: 900 });
    const fast = await createJob(simulator, 'outx', { outcome: 'succeeded', queuedMs: 0, runMs: 50 });
    const test = createTestIo({ env });
    expect(await wait([slow.ref, fast.ref, '--json'], test.io)).toBe(0);
    expect(test.stdoutLines().map((line) => JSON.parse(line).ref)).toEqual([fast.ref, slow.ref]);
  });

  it('prints people lines without --json and keeps the ref once when given twice', async () => {
    const job = await createJob(simulator, 'oration', quick);
    const test = createTestIo({ env });
    expect(await wait([job.ref, job.ref], test.io)).toBe(0);
    expect(test.stdoutLines()).toHaveLength(1);
    expect(test.stdout()).toMatch(new RegExp(`^${job.ref}  succeeded \\(success\\)`));
  });

  it('exits 1 when a job failed', async () => {
    const ok = await createJob(simulator, 'revor', quick);
    const failed = await createJob(simulator, 'revkeen', { outcome: 'failed', queuedMs: 0, runMs: 100 });
    const test = createTestIo({ env });
    expect(await wait([ok.ref, failed.ref, '--json'], test.io)).toBe(1);
    const failedLine = test
      .stdoutLines()
      .map((line) => JSON.parse(line))
      .find((line) => line.ref === failed.ref);
    expect(failedLine).toMatchObject({ status: 'failed', failure: { code: expect.any(String) } });
  });

  it('exits 1 when a job was cancelled', async () => {
    const cancelled = await createJob(simulator, 'revor', { outcome: 'cancelled', queuedMs: 50 });
    const test = createTestIo({ env });
    expect(await wait([cancelled.ref], test.io)).toBe(1);
    expect(test.stdout()).toContain('cancelled');
  });

  it('exits 3 when a ref cannot be looked up, even next to failed and succeeded jobs', async () => {
    const ok = await createJob(simulator, 'outx', quick);
    const failed = await createJob(simulator, 'oration', { outcome: 'failed', queuedMs: 0, runMs: 50 });
    const missing = 'revor:00000000-0000-4000-8000-000000000000';
    const test = createTestIo({ env });
    expect(await wait([ok.ref, failed.ref, missing, '--json'], test.io)).toBe(3);
    const lines = test.stdoutLines().map((line) => JSON.parse(line));
    expect(lines).toHaveLength(3);
    expect(lines.find((line) => line.ref === missing)).toEqual({
      ref: missing,
      error: {
        kind: 'not_found',
        code: 'task_not_found',
        message: expect.any(String),
        httpStatus: 404,
        requestId: expect.any(String),
      },
    });
  });

  it('exits 4 when the timeout passes first, and reports the timeout per ref', async () => {
    const slow = await createJob(simulator, 'revkeen', { outcome: 'succeeded', queuedMs: 0, runMs: 60_000 });
    const test = createTestIo({ env });
    const started = Date.now();
    expect(await wait([slow.ref, '--timeout', '400ms', '--json'], test.io)).toBe(4);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(JSON.parse(test.stdout())).toMatchObject({ ref: slow.ref, error: { kind: 'poll_timeout' } });
  });

  it('lets the timeout (4) outrank a failure (1)', async () => {
    const slow = await createJob(simulator, 'outx', { outcome: 'succeeded', queuedMs: 0, runMs: 60_000 });
    const failed = await createJob(simulator, 'outx', { outcome: 'failed', queuedMs: 0, runMs: 0 });
    const test = createTestIo({ env });
    expect(await wait([slow.ref, failed.ref, '--timeout', '0.3'], test.io)).toBe(4);
    expect(test.stderr()).toContain(`error ${slow.ref}: poll_timeout`);
  });

  it('exits 2 for a bad ref among good ones, before any request', async () => {
    const job = await createJob(simulator, 'revor', quick);
    const before = simulator.stats().requests;
    const test = createTestIo({ env });
    expect(await wait([job.ref, 'revkeen:not-a-run-id', 'nonsense', '--json'], test.io)).toBe(2);
    expect(simulator.stats().requests).toBe(before);
    const lines = test.stdoutLines().map((line) => JSON.parse(line));
    expect(lines.map((line) => [line.ref, line.error.kind])).toEqual([
      ['revkeen:not-a-run-id', 'config'],
      ['nonsense', 'config'],
    ]);
  });

  it('exits 2 when the provider of a ref is not configured', async () => {
    const test = createTestIo({ env: { OUTX_API_KEY: env.OUTX_API_KEY, OUTX_BASE_URL: env.OUTX_BASE_URL } });
    expect(await wait(['revor:job_1'], test.io)).toBe(2);
    expect(test.stderr()).toContain('set REVOR_API_KEY (and REVOR_BASE_URL) or pass --config <file.json>');
  });

  it('stops on the signal: exit 130, naming what did not finish, and no request after', async () => {
    const slow = await createJob(simulator, 'revor', { outcome: 'succeeded', queuedMs: 0, runMs: 60_000 });
    const controller = new AbortController();
    const test = createTestIo({ env, signal: controller.signal });
    setTimeout(() => controller.abort(), 300);
    expect(await wait([slow.ref], test.io)).toBe(130);
    expect(test.stderr()).toContain(`interrupted: 1 not finished: ${slow.ref}`);
    const after = simulator.stats().requests;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(simulator.stats().requests).toBe(after);
  });

  it('prints plain progress lines on stderr while waiting', async () => {
    const job = await createJob(simulator, 'revkeen', { outcome: 'succeeded', queuedMs: 0, runMs: 400 });
    const test = createTestIo({ env });
    expect(await wait([job.ref], test.io)).toBe(0);
    expect(test.stderr()).toMatch(/^waiting: 1 job: 1 (queued|running)$/m);
  });
});
