import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAsyncJob, jobToJson, type StoredJob } from '@asyncjob/core';
import type { RunningSimulator } from '@asyncjob/simulator';
import { openSqliteStore } from '@asyncjob/store-sqlite';
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
let directory: string;
let files = 0;

beforeAll(async () => {
  simulator = await startTestSimulator(QUIET_SIMULATOR);
  env = envFor(simulator);
  directory = mkdtempSync(join(tmpdir(), 'asyncjob-cli-store-'));
});

afterAll(async () => {
  await simulator.close();
  rmSync(directory, { recursive: true, force: true });
});

/** A new store file name in the test directory (not created). */
function storeFile(): string {
  files += 1;
  return join(directory, `jobs-${files}.db`);
}

const run = (args: string[], io: ReturnType<typeof createTestIo>['io']) =>
  main(argv(...args), io, { tracker: FAST_TRACKER, progressIntervalMs: 50 });

/** What the file holds, read the way another process would. */
async function recorded(path: string): Promise<StoredJob[]> {
  const store = openSqliteStore(path)._unsafeUnwrap();
  const jobs = (await store.list())._unsafeUnwrap();
  await store.close();
  return jobs;
}

/** A wait on a store that Ctrl+C cuts short once every ref is recorded: the refs stay unsettled in the file. */
async function interruptedWait(
  refs: readonly string[],
  path: string,
): Promise<ReturnType<typeof createTestIo>> {
  const controller = new AbortController();
  const test = createTestIo({ env, signal: controller.signal });
  setTimeout(() => controller.abort(), 250);
  expect(await run(['wait', ...refs, '--store', path, '--json'], test.io)).toBe(130);
  return test;
}

/** Records a failed job's outcome as a process that stopped before printing it would leave it. */
async function recordUnprinted(path: string): Promise<string> {
  const failed = createAsyncJob({
    provider: 'revor',
    id: 'job_recorded',
    status: 'failed',
    rawStatus: 'failed',
    failure: { code: 'bounced', message: 'The address bounced', retryable: false },
  });
  const store = openSqliteStore(path)._unsafeUnwrap();
  const now = Date.now();
  const state = {
    ref: failed.ref,
    operation: 'dispatch',
    status: 'running',
    rawStatus: 'running',
    trackedAt: now,
    deadline: now + 60_000,
    dueAt: now,
    phaseSince: now,
    attempt: 0,
    scheduledAt: null,
    nextAttemptAt: null,
  } as const;
  (await store.put(state))._unsafeUnwrap();
  (
    await store.markSettled(failed.ref, { type: 'job', job: jobToJson(failed, { raw: true }) }, now)
  )._unsafeUnwrap();
  (await store.close())._unsafeUnwrap();
  return failed.ref;
}

const quick = { outcome: 'succeeded', queuedMs: 0, runMs: 150 } as const;
const slow = { outcome: 'succeeded', queuedMs: 0, runMs: 1_200 } as const;

describe('asyncjob wait --store', () => {
  it('records every ref and its outcome, and prints as without a store', async () => {
    const path = storeFile();
    const succeeded = await createJob(simulator, 'outx', quick);
    const failed = await createJob(simulator, 'revkeen', { outcome: 'failed', queuedMs: 0, runMs: 100 });
    const test = createTestIo({ env });
    expect(await run(['wait', succeeded.ref, failed.ref, '--store', path, '--json'], test.io)).toBe(1);
    expect(test.stdoutLines().map((line) => JSON.parse(line).status)).toHaveLength(2);

    const jobs = await recorded(path);
    expect(jobs.map((job) => [job.state.ref, job.state.operation])).toEqual([
      [succeeded.ref, 'wait'],
      [failed.ref, 'wait'],
    ]);
    const outcomes = Object.fromEntries(jobs.map((job) => [job.state.ref, job.outcome]));
    expect(outcomes[succeeded.ref]).toMatchObject({ type: 'job', job: { status: 'succeeded' } });
    expect(outcomes[failed.ref]).toMatchObject({ type: 'job', job: { status: 'failed' } });
    for (const job of jobs) expect(job.settledAt).toEqual(expect.any(Number));
  });

  it('records a ref that cannot be looked up with its error', async () => {
    const path = storeFile();
    const missing = 'revor:00000000-0000-4000-8000-000000000000';
    const test = createTestIo({ env });
    expect(await run(['wait', missing, '--store', path], test.io)).toBe(3);
    const [job] = await recorded(path);
    expect(job?.outcome).toMatchObject({ type: 'error', error: { kind: 'not_found', httpStatus: 404 } });
  });

  it('prints a ref the file already holds an outcome for from the file, without a request', async () => {
    const path = storeFile();
    const job = await createJob(simulator, 'oration', quick);
    const first = createTestIo({ env });
    expect(await run(['wait', job.ref, '--store', path, '--json'], first.io)).toBe(0);

    const before = simulator.stats().requests;
    const second = createTestIo({ env });
    expect(await run(['wait', job.ref, '--store', path, '--json'], second.io)).toBe(0);
    expect(simulator.stats().requests).toBe(before);
    expect(second.stdoutLines().map((line) => JSON.parse(line))).toEqual(
      first.stdoutLines().map((line) => JSON.parse(line)),
    );
    expect(second.stderr()).toContain(`note: ${job.ref} settled earlier in ${path}`);
  });

  it('exits 2 naming the file when it is not a job store, before any request', async () => {
    const job = await createJob(simulator, 'revor', quick);
    const before = simulator.stats().requests;
    const test = createTestIo({ env });
    expect(await run(['wait', job.ref, '--store', directory], test.io)).toBe(2);
    expect(test.stderr()).toContain(directory);
    expect(test.stderr().trim().split('\n')).toHaveLength(1);
    expect(simulator.stats().requests).toBe(before);
  });
});

describe('asyncjob resume --store', () => {
  it('finishes the jobs an interrupted wait left unsettled, then has nothing left to do', async () => {
    const path = storeFile();
    const jobs = [await createJob(simulator, 'revor', slow), await createJob(simulator, 'revkeen', slow)];
    const refs = jobs.map((job) => job.ref);
    const first = await interruptedWait(refs, path);
    expect(first.stdout()).toBe('');
    expect(first.stderr()).toContain(`continue with: asyncjob resume --store ${path}`);
    const left = await recorded(path);
    expect(left.map((job) => [job.state.ref, job.outcome])).toEqual(refs.map((ref) => [ref, null]));

    const second = createTestIo({ env });
    expect(await run(['resume', '--store', path, '--json'], second.io)).toBe(0);
    expect(second.stderr()).toContain(`resuming 2 unsettled jobs from ${path}`);
    const lines = second.stdoutLines().map((line) => JSON.parse(line));
    expect(lines.map((line) => line.ref).sort()).toEqual([...refs].sort());
    for (const line of lines) expect(line).toMatchObject({ status: 'succeeded', terminal: true });
    expect((await recorded(path)).every((job) => job.outcome?.type === 'job')).toBe(true);

    const third = createTestIo({ env });
    expect(await run(['resume', '--store', path], third.io)).toBe(0);
    expect(third.stdout()).toBe('');
    expect(third.stderr()).toBe(`nothing to resume: every job in ${path} has settled\n`);
  });

  it('continues a job whose wait timed out, with a deadline of its own', async () => {
    const path = storeFile();
    const job = await createJob(simulator, 'outx', slow);
    const first = createTestIo({ env });
    expect(await run(['wait', job.ref, '--store', path, '--timeout', '1ms', '--json'], first.io)).toBe(4);
    expect(JSON.parse(first.stdout())).toMatchObject({ ref: job.ref, error: { kind: 'poll_timeout' } });
    expect(first.stderr()).toContain(`still unsettled in ${path}; continue with: asyncjob resume --store`);
    expect((await recorded(path)).map((stored) => stored.outcome)).toEqual([null]);

    const second = createTestIo({ env });
    expect(await run(['resume', '--store', path, '--timeout', '20s'], second.io)).toBe(0);
    expect(second.stdout()).toMatch(new RegExp(`^${job.ref}  succeeded`));
    expect(second.stderr()).toMatch(/done in \d+\.\ds \(\d+ requests?\): 1 succeeded\n$/);
  });

  it('exits as wait does: 1 for a failed job, and 4 when its new deadline passes too', async () => {
    const path = storeFile();
    const failed = await createJob(simulator, 'oration', { outcome: 'failed', queuedMs: 0, runMs: 600 });
    const endless = await createJob(simulator, 'revkeen', {
      outcome: 'succeeded',
      queuedMs: 0,
      runMs: 60_000,
    });
    const first = createTestIo({ env });
    expect(await run(['wait', failed.ref, endless.ref, '--store', path, '--timeout', '1ms'], first.io)).toBe(
      4,
    );

    const second = createTestIo({ env });
    expect(await run(['resume', '--store', path, '--timeout', '2s', '--json'], second.io)).toBe(4);
    const lines = Object.fromEntries(
      second.stdoutLines().map((line) => [JSON.parse(line).ref, JSON.parse(line)]),
    );
    expect(lines[failed.ref]).toMatchObject({ status: 'failed' });
    expect(lines[endless.ref]).toMatchObject({ error: { kind: 'poll_timeout' } });
    expect((await recorded(path)).map((stored) => [stored.state.ref, stored.outcome?.type ?? null])).toEqual([
      [failed.ref, 'job'],
      [endless.ref, null],
    ]);
  });

  it('two resumes of one file at once: each prints every job once, the loser from the file', async () => {
    const path = storeFile();
    const job = await createJob(simulator, 'revor', { outcome: 'succeeded', queuedMs: 0, runMs: 800 });
    await interruptedWait([job.ref], path);

    const [a, b] = [createTestIo({ env }), createTestIo({ env })];
    expect(
      await Promise.all([run(['resume', '--store', path], a.io), run(['resume', '--store', path], b.io)]),
    ).toEqual([0, 0]);
    for (const test of [a, b])
      expect(test.stdoutLines()).toEqual([expect.stringMatching(`^${job.ref}  succeeded`)]);
    expect(`${a.stderr()}${b.stderr()}`.match(/was settled by another process/g)).toHaveLength(1);
  });

  it('records a job created with submit --wait --store before printing it', async () => {
    const path = storeFile();
    const data = JSON.stringify({ profileSlug: 'williamhgates' });
    const controller = new AbortController();
    const stderr: string[] = [];
    const test = createTestIo({
      env,
      signal: controller.signal,
      stderr: {
        write: (text: string) => {
          stderr.push(text);
          // The moment the created job is printed, the file already holds it.
          if (text.startsWith('created ')) {
            void recorded(path).then((jobs) => {
              stderr.push(`recorded: ${jobs.map((stored) => stored.state.ref).join(' ')}\n`);
              controller.abort();
            });
          }
        },
      },
    });
    simulator.control.planNextJob('outx', slow);
    expect(
      await run(['submit', 'outx', 'fetch-profile', '--data', data, '--wait', '--store', path], test.io),
    ).toBe(130);
    const ref = /^created (\S+)/m.exec(stderr.join(''))?.[1];
    expect(stderr.join('')).toContain(`recorded: ${ref}\n`);
    expect(stderr.join('')).toContain(`interrupted: the job goes on; continue with: asyncjob resume --store`);
    expect((await recorded(path)).map((stored) => [stored.state.ref, stored.state.operation])).toEqual([
      [ref, 'fetch-profile'],
    ]);

    const resumed = createTestIo({ env });
    expect(await run(['resume', '--store', path], resumed.io)).toBe(0);
    expect(resumed.stdout()).toMatch(new RegExp(`^${ref}  succeeded`));
  });

  it('prints an outcome recorded by a process that stopped before printing it, once', async () => {
    const path = storeFile();
    const ref = await recordUnprinted(path);
    const before = simulator.stats().requests;
    const first = createTestIo({ env });
    expect(await run(['resume', '--store', path], first.io)).toBe(1);
    expect(first.stdout()).toBe(`${ref}  failed  bounced: The address bounced\n`);
    expect(first.stderr()).toContain('resuming 0 unsettled jobs from');
    expect(first.stderr()).toContain('(and 1 outcome recorded there but never printed)');
    expect(simulator.stats().requests).toBe(before);

    const second = createTestIo({ env });
    expect(await run(['resume', '--store', path], second.io)).toBe(0);
    expect(second.stderr()).toBe(`nothing to resume: every job in ${path} has settled\n`);
  });

  it('counts an outcome wait --store printed from the file as printed', async () => {
    const path = storeFile();
    const ref = await recordUnprinted(path);
    const waited = createTestIo({ env });
    expect(await run(['wait', ref, '--store', path], waited.io)).toBe(1);
    expect(waited.stdout()).toBe(`${ref}  failed  bounced: The address bounced\n`);
    const resumed = createTestIo({ env });
    expect(await run(['resume', '--store', path], resumed.io)).toBe(0);
    expect(resumed.stdout()).toBe('');
  });

  it('exits 2 naming the file when it does not exist, and does not create it', async () => {
    const path = storeFile();
    const test = createTestIo({ env });
    expect(await run(['resume', '--store', path], test.io)).toBe(2);
    expect(test.stderr()).toBe(
      `error: config: The job store ${path} does not exist; asyncjob wait <ref>... --store ${path} records jobs in it.\n`,
    );
    const again = createTestIo({ env });
    expect(await run(['jobs', '--store', path], again.io)).toBe(2);
  });

  it('exits 2 with the config hint when a recorded provider is not configured, before any request', async () => {
    const path = storeFile();
    const job = await createJob(simulator, 'revor', slow);
    await interruptedWait([job.ref], path);
    const before = simulator.stats().requests;
    const test = createTestIo({ env: { OUTX_API_KEY: env.OUTX_API_KEY, OUTX_BASE_URL: env.OUTX_BASE_URL } });
    expect(await run(['resume', '--store', path], test.io)).toBe(2);
    expect(test.stderr()).toContain('set REVOR_API_KEY (and REVOR_BASE_URL) or pass --config <file.json>');
    expect(simulator.stats().requests).toBe(before);
  });
});
