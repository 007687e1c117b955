import type { RunningSimulator } from '@asyncjob/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../main';
import { argv, createTestIo, startTestSimulator, type TestIo } from '../test-support';

let busy: RunningSimulator;

beforeAll(async () => {
  busy = await startTestSimulator();
});

afterAll(async () => {
  await busy.close();
});

async function until(test: TestIo, predicate: (test: TestIo) => boolean): Promise<void> {
  for (let attempt = 0; attempt < 200 && !predicate(test); attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('asyncjob simulate', () => {
  it('serves until the signal, printing the export lines that point asyncjob at it', async () => {
    const controller = new AbortController();
    const test = createTestIo({ signal: controller.signal });
    const running = main(argv('simulate', '--seed', '5'), test.io);
    await until(test, (current) => current.stderr().includes('Press Ctrl+C to stop.'));

    const lines = test.stdoutLines();
    expect(lines.every((line) => /^export [A-Z_]+=\S+$/.test(line))).toBe(true);
    const env = Object.fromEntries(
      lines.map((line) => line.slice('export '.length).split('=') as [string, string]),
    );
    expect(Object.keys(env)).toEqual([
      'REVOR_BASE_URL',
      'REVOR_API_KEY',
      'OUTX_BASE_URL',
      'OUTX_API_KEY',
      'ORATION_BASE_URL',
      'ORATION_API_KEY',
      'ORATION_WORKSPACE_SLUG',
      'REVKEEN_BASE_URL',
      'REVKEEN_API_KEY',
    ]);
    expect(test.stderr()).toMatch(/Simulator listening on http:\/\/127\.0\.0\.1:\d+ \(seed 5\)/);

    // The lines work: a lookup of an unknown job reaches the simulator and is answered 404.
    const lookup = createTestIo({ env });
    expect(await main(argv('status', 'outx:00000000-0000-4000-8000-000000000000', '--json'), lookup.io)).toBe(
      3,
    );
    expect(JSON.parse(lookup.stdout())).toMatchObject({ error: { kind: 'not_found', httpStatus: 404 } });

    controller.abort();
    expect(await running).toBe(0);
    expect(test.stderr()).toMatch(/Simulator stopped after 1 requests and 0 jobs\.\n$/);
  });

  it('exits 2 when the port is taken', async () => {
    const test = createTestIo();
    expect(await main(argv('simulate', '--port', String(busy.port)), test.io)).toBe(2);
    expect(test.stderr()).toContain('port_in_use');
  });
});
