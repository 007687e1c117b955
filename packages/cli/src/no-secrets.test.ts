import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningSimulator } from '@asyncjob/simulator';
import { openSqliteStore } from '@asyncjob/store-sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from './main';
import {
  argv,
  createJob,
  createTestIo,
  envFor,
  FAST_TRACKER,
  QUIET_SIMULATOR,
  startTestSimulator,
} from './test-support';

/** Recognisable fake keys: none may appear in any output. */
const FAKE = {
  REVOR_API_KEY: 'sk-revor-LEAKCHECK-0a1b2c3d',
  OUTX_API_KEY: 'outx-LEAKCHECK-4e5f6a7b',
  ORATION_API_KEY: 'oration-LEAKCHECK-8c9d0e1f',
  ORATION_TOKEN: 'oration-token-LEAKCHECK-2a3b',
  REVKEEN_API_KEY: 'rk_sandbox_LEAKCHECK_4c5d6e',
};
const SECRETS = Object.values(FAKE);

let simulator: RunningSimulator;
let env: Record<string, string>;
let refs: string[];

beforeAll(async () => {
  simulator = await startTestSimulator(QUIET_SIMULATOR);
  env = { ...envFor(simulator), ...FAKE };
  refs = [];
  for (const vendor of ['revor', 'outx', 'oration', 'revkeen'] as const)
    refs.push((await createJob(simulator, vendor)).ref);
});

afterAll(async () => {
  await simulator.close();
});

async function run(args: string[], ioEnv: Record<string, string>): Promise<{ code: number; all: string }> {
  const test = createTestIo({ env: ioEnv });
  const code = await main(argv(...args), test.io, { tracker: FAST_TRACKER, progressIntervalMs: 20 });
  return { code, all: test.all() };
}

describe('no API key is ever printed', () => {
  it.each([
    ['status', ['--json', '--raw']],
    ['status', []],
    ['wait', ['--json', '--raw']],
    ['wait', ['--timeout', '2s']],
  ])('%s %j with wrong keys at every vendor', async (command, flags) => {
    const targets = command === 'status' ? refs.slice(0, 1) : refs;
    for (const ref of targets) {
      const { code, all } = await run([command, ...(command === 'status' ? [ref] : targets), ...flags], env);
      expect(code).toBe(3);
      expect(all).toContain('unauthorized');
      for (const secret of SECRETS) expect(all).not.toContain(secret);
    }
  });

  it('submit with wrong keys, with and without --wait', async () => {
    const data = JSON.stringify({ profileSlug: 'williamhgates' });
    for (const extra of [[], ['--wait', '--json', '--raw']]) {
      const { code, all } = await run(['submit', 'outx', 'fetch-profile', '--data', data, ...extra], env);
      expect(code).toBe(3);
      for (const secret of SECRETS) expect(all).not.toContain(secret);
    }
  });

  it('a config error next to a set key', async () => {
    const { code, all } = await run(['status', refs[2] as string], { ORATION_API_KEY: FAKE.ORATION_API_KEY });
    expect(code).toBe(2);
    expect(all).not.toContain(FAKE.ORATION_API_KEY);
  });

  it('keys from a --config file, also through an insecure base URL error', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'asyncjob-secrets-'));
    const path = join(directory, 'providers.json');
    writeFileSync(
      path,
      JSON.stringify([
        { provider: 'revor', apiKey: FAKE.REVOR_API_KEY, baseUrl: simulator.baseUrls.revor },
        {
          provider: 'revkeen',
          apiKey: FAKE.REVKEEN_API_KEY,
          baseUrl: `http://${FAKE.REVKEEN_API_KEY}.example.com/v2`,
        },
      ]),
    );
    const { code, all } = await run(['status', refs[0] as string, '--config', path], {});
    expect(code).toBe(2);
    expect(all).toContain('config');
    for (const secret of SECRETS) expect(all).not.toContain(secret);
  });

  it('wait --store, jobs and resume, and the store file itself', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'asyncjob-secrets-')), 'jobs.db');
    const waited = await run(['wait', ...refs, '--store', path, '--json', '--raw'], env);
    expect(waited.code).toBe(3);
    // One more job left unsettled, so that resume has a request to make with the wrong key.
    const store = openSqliteStore(path)._unsafeUnwrap();
    const now = Date.now();
    (
      await store.put({
        ref: 'revor:00000000-0000-4000-8000-00000000beef',
        operation: 'wait',
        status: null,
        rawStatus: null,
        trackedAt: now,
        deadline: now + 60_000,
        dueAt: now,
        phaseSince: now,
        attempt: 0,
        scheduledAt: null,
        nextAttemptAt: null,
      })
    )._unsafeUnwrap();
    (await store.close())._unsafeUnwrap();

    const listed = await run(['jobs', '--store', path], env);
    const listedJson = await run(['jobs', '--store', path, '--json'], env);
    const resumed = await run(['resume', '--store', path, '--json', '--raw'], env);
    expect([listed.code, listedJson.code, resumed.code]).toEqual([0, 0, 3]);
    expect(listed.all).toContain('unauthorized');
    for (const { all } of [waited, listed, listedJson, resumed])
      for (const secret of SECRETS) expect(all).not.toContain(secret);
    const file = readFileSync(path, 'latin1');
    for (const secret of SECRETS) expect(file).not.toContain(secret);
  });
});
