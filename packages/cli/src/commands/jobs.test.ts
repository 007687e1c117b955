import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
/** A store holding a succeeded, a failed, a not-found and an unsettled job, in that order. */
let path: string;
let refs: { succeeded: string; failed: string; missing: string; unsettled: string };

const run = (args: string[], io: ReturnType<typeof createTestIo>['io']) =>
  main(argv(...args), io, { tracker: FAST_TRACKER, progressIntervalMs: 50 });

beforeAll(async () => {
  simulator = await startTestSimulator(QUIET_SIMULATOR);
  env = envFor(simulator);
  directory = mkdtempSync(join(tmpdir(), 'asyncjob-cli-jobs-'));
  path = join(directory, 'jobs.db');
  const succeeded = await createJob(simulator, 'outx', { outcome: 'succeeded', queuedMs: 0, runMs: 100 });
  const failed = await createJob(simulator, 'revkeen', { outcome: 'failed', queuedMs: 0, runMs: 100 });
  const unsettled = await createJob(simulator, 'oration', {
    outcome: 'succeeded',
    queuedMs: 0,
    runMs: 60_000,
  });
  refs = {
    succeeded: succeeded.ref,
    failed: failed.ref,
    missing: 'revor:00000000-0000-4000-8000-000000000000',
    unsettled: unsettled.ref,
  };
  const test = createTestIo({ env });
  const waited = await run(
    ['wait', refs.succeeded, refs.failed, refs.missing, refs.unsettled, '--store', path, '--timeout', '1s'],
    test.io,
  );
  expect(waited).toBe(3);
});

afterAll(async () => {
  await simulator.close();
  rmSync(directory, { recursive: true, force: true });
});

describe('asyncjob jobs --store', () => {
  it('lists every recorded job, oldest first, one line each, without a request', async () => {
    const before = simulator.stats().requests;
    const test = createTestIo({ env });
    expect(await run(['jobs', '--store', path], test.io)).toBe(0);
    expect(simulator.stats().requests).toBe(before);
    const lines = test.stdoutLines();
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(new RegExp(`^${refs.succeeded}  succeeded`));
    expect(lines[1]).toMatch(new RegExp(`^${refs.failed}  failed  run_failed: `));
    expect(lines[2]).toBe(`${refs.missing}  error  not_found: revor answered HTTP 404 (task_not_found).`);
    expect(lines[3]).toMatch(new RegExp(`^${refs.unsettled}  (queued|running)( \\(\\w+\\))?  unsettled$`));
    expect(test.stderr()).toBe(
      `4 jobs in ${path}: 3 settled, 1 unsettled; continue with: asyncjob resume --store ${path}\n`,
    );
  });

  it('prints one JSON object per job with --json', async () => {
    const test = createTestIo({ env });
    expect(await run(['jobs', '--store', path, '--json'], test.io)).toBe(0);
    const lines = test.stdoutLines().map((line) => JSON.parse(line));
    expect(lines.map((line) => [line.ref, line.provider, line.operation, line.settled])).toEqual([
      [refs.succeeded, 'outx', 'wait', true],
      [refs.failed, 'revkeen', 'wait', true],
      [refs.missing, 'revor', 'wait', true],
      [refs.unsettled, 'oration', 'wait', false],
    ]);
    expect(lines[0]).toMatchObject({ status: 'succeeded', failure: null, error: null });
    expect(lines[1]).toMatchObject({ status: 'failed', failure: { code: expect.any(String) }, error: null });
    expect(lines[2]).toMatchObject({
      status: null,
      error: { kind: 'not_found', code: 'task_not_found', httpStatus: 404, requestId: expect.any(String) },
    });
    expect(lines[3]).toMatchObject({ status: expect.stringMatching(/queued|running/), settledAt: null });
    for (const line of lines.slice(0, 3)) expect(Number.isNaN(Date.parse(line.settledAt))).toBe(false);
    for (const line of lines) expect(line).not.toHaveProperty('raw');
  });

  it('says so when the store holds no job', async () => {
    const empty = join(directory, 'empty.db');
    (await openSqliteStore(empty)._unsafeUnwrap().close())._unsafeUnwrap();
    const test = createTestIo();
    expect(await run(['jobs', '--store', empty, '--json'], test.io)).toBe(0);
    expect(test.stdout()).toBe('');
    expect(test.stderr()).toBe(`no jobs recorded in ${empty}\n`);
  });

  it.each([
    ['a text file', 'not a job store\n', 'is damaged or not a job store'],
    [
      'random bytes',
      Buffer.from(Array.from({ length: 4096 }, (_, index) => (index * 131 + 7) % 256)),
      'is damaged',
    ],
  ])('exits 2 naming the file for %s, and leaves it as it was', async (_, content, problem) => {
    const corrupt = join(directory, 'corrupt.db');
    writeFileSync(corrupt, content);
    for (const args of [
      ['jobs', '--store', corrupt],
      ['jobs', '--store', corrupt, '--json'],
      ['resume', '--store', corrupt],
    ]) {
      const test = createTestIo({ env });
      expect(await run(args, test.io)).toBe(2);
      expect(test.stdout()).toBe('');
      expect(test.stderr()).toMatch(new RegExp(`^error: config: The job store ${corrupt} ${problem}.*\\n$`));
    }
    expect(readFileSync(corrupt)).toEqual(Buffer.from(content));
  });

  it('exits 2 naming the file when its schema is newer than this release', async () => {
    const newer = join(directory, 'newer.db');
    (await openSqliteStore(newer)._unsafeUnwrap().close())._unsafeUnwrap();
    const bytes = readFileSync(newer);
    bytes.writeUInt32BE(99, 60); // The SQLite header's user version, which the store uses as its schema version.
    writeFileSync(newer, bytes);
    const test = createTestIo();
    expect(await run(['jobs', '--store', newer], test.io)).toBe(2);
    expect(test.stderr()).toMatch(
      new RegExp(`^error: config: The job store ${newer} has schema version 99, newer .*\\n$`),
    );
  });

  it('exits 2 naming the file when it does not exist, and does not create it', async () => {
    const missing = join(directory, 'missing.db');
    const test = createTestIo();
    expect(await run(['jobs', '--store', missing], test.io)).toBe(2);
    expect(test.stderr()).toBe(
      `error: config: The job store ${missing} does not exist; asyncjob wait <ref>... --store ${missing} records jobs in it.\n`,
    );
    expect(() => readFileSync(missing)).toThrow();
  });
});
