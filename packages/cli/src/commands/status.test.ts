import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningSimulator } from '@asyncjob/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../main';
import { argv, createJob, createTestIo, envFor, QUIET_SIMULATOR, startTestSimulator } from '../test-support';

let simulator: RunningSimulator;
let env: Record<string, string>;

beforeAll(async () => {
  simulator = await startTestSimulator(QUIET_SIMULATOR);
  env = envFor(simulator);
});

afterAll(async () => {
  await simulator.close();
});

const VENDORS = ['revor', 'outx', 'oration', 'revkeen'] as const;

describe('asyncjob status', () => {
  it.each(VENDORS)('looks a %s job up and prints its line', async (vendor) => {
    const job = await createJob(simulator, vendor);
    const test = createTestIo({ env });
    expect(await main(argv('status', job.ref), test.io)).toBe(0);
    expect(test.stdoutLines()).toHaveLength(1);
    expect(test.stdout().startsWith(`${job.ref}  `)).toBe(true);
    expect(test.stderr()).toBe('');
  });

  it.each(VENDORS)('prints a %s job as one JSON line, without raw unless --raw', async (vendor) => {
    const job = await createJob(simulator, vendor);
    const plain = createTestIo({ env });
    expect(await main(argv('status', job.ref, '--json'), plain.io)).toBe(0);
    const [line] = plain.stdoutLines();
    const parsed = JSON.parse(line as string);
    expect(parsed).toMatchObject({
      ref: job.ref,
      provider: vendor,
      id: job.id,
      terminal: expect.any(Boolean),
    });
    expect(Object.keys(parsed)).toEqual([
      'ref',
      'provider',
      'id',
      'status',
      'rawStatus',
      'terminal',
      'result',
      'failure',
      'createdAt',
      'updatedAt',
      'scheduledAt',
      'startedAt',
      'finishedAt',
      'nextAttemptAt',
      'attempts',
    ]);
    const raw = createTestIo({ env });
    expect(await main(argv('status', job.ref, '--json', '--raw'), raw.io)).toBe(0);
    expect(JSON.parse(raw.stdoutLines()[0] as string).raw).toEqual(expect.any(Object));
  });

  it('exits 0 for a failed job: the lookup worked', async () => {
    const job = await createJob(simulator, 'revor', { outcome: 'failed', queuedMs: 0, runMs: 0 });
    const test = createTestIo({ env });
    expect(await main(argv('status', job.ref, '--json'), test.io)).toBe(0);
    expect(JSON.parse(test.stdout())).toMatchObject({
      status: 'failed',
      terminal: true,
      failure: expect.any(Object),
    });
  });

  it('exits 3 for an unknown job, naming the ref and the kind', async () => {
    const ref = 'revor:00000000-0000-4000-8000-000000000000';
    const test = createTestIo({ env });
    expect(await main(argv('status', ref), test.io)).toBe(3);
    expect(test.stderr()).toMatch(/^error revor:00000000-0000-4000-8000-000000000000: not_found: .*HTTP 404/);
    expect(test.stdout()).toBe('');
  });

  it("exits 3 for another tenant's job (the second key sees it as not found)", async () => {
    const job = await createJob(simulator, 'revkeen');
    const test = createTestIo({ env: { ...env, REVKEEN_API_KEY: simulator.keys.revkeen[1] as string } });
    expect(await main(argv('status', job.ref, '--json'), test.io)).toBe(3);
    expect(JSON.parse(test.stdout())).toMatchObject({
      ref: job.ref,
      error: { kind: 'not_found', httpStatus: 404 },
    });
  });

  it('exits 3 for a wrong key and never prints it', async () => {
    const key = 'sk-revor-FAKE-9f3a7c-DO-NOT-PRINT';
    const job = await createJob(simulator, 'revor');
    for (const flags of [[], ['--json'], ['--json', '--raw']]) {
      const test = createTestIo({ env: { ...env, REVOR_API_KEY: key } });
      expect(await main(argv('status', job.ref, ...flags), test.io)).toBe(3);
      expect(test.all()).toContain('unauthorized');
      expect(test.all()).not.toContain(key);
    }
  });

  it.each([
    ['revor', 'not a job ref'],
    ['revor:', 'not a job ref'],
    ['revkeen:only-one-part', 'not a RevKeen run id'],
    ['acme:job_1', 'Provider "acme" is not configured'],
  ])('exits 2 for the bad ref %j', async (ref, message) => {
    const test = createTestIo({ env });
    expect(await main(argv('status', ref), test.io)).toBe(2);
    expect(test.stderr()).toContain('config');
    expect(test.stderr()).toContain(message);
  });

  it('reads --config instead of the environment', async () => {
    const job = await createJob(simulator, 'oration');
    const directory = mkdtempSync(join(tmpdir(), 'asyncjob-status-'));
    const path = join(directory, 'providers.json');
    const [key] = simulator.keys.oration;
    writeFileSync(
      path,
      JSON.stringify({
        providers: [
          {
            provider: 'oration',
            apiKey: key?.apiKey,
            workspaceSlug: key?.workspaceSlug,
            baseUrl: simulator.baseUrls.oration,
          },
        ],
      }),
    );
    const test = createTestIo({ env: {} });
    expect(await main(argv('status', job.ref, '--config', path), test.io)).toBe(0);
    expect(test.stdout()).toContain(job.ref);

    const broken = join(directory, 'broken.json');
    writeFileSync(
      broken,
      JSON.stringify([{ provider: 'oration', apiKey: key?.apiKey, baseUrl: 'http://example.com' }]),
    );
    const bad = createTestIo({ env: {} });
    expect(await main(argv('status', job.ref, '--config', broken), bad.io)).toBe(2);
    expect(bad.stderr()).toContain('providers[0]: oration.workspaceSlug');
    expect(bad.all()).not.toContain(key?.apiKey);
  });
});
