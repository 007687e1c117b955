import { describe, expect, it } from 'vitest';
import { main } from '../main';
import { argv, createTestIo } from '../test-support';

const HANDLE_TYPES = ['TCPServerWrap', 'TCPSocketWrap', 'Timeout'];

function handles(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const type of process.getActiveResourcesInfo()) {
    if (HANDLE_TYPES.includes(type)) counts[type] = (counts[type] ?? 0) + 1;
  }
  return counts;
}

describe('asyncjob demo', () => {
  it('runs jobs on all four vendors to the end, prints the summary, exits 0 and leaves no handle', async () => {
    const before = handles();
    const test = createTestIo();
    const started = Date.now();
    expect(await main(argv('demo'), test.io, { demo: { timeScale: 0.02, progressIntervalMs: 200 } })).toBe(0);
    expect(Date.now() - started).toBeLessThan(15_000);

    const summary = test.stdout();
    expect(summary).toMatch(
      /Demo finished in \d+\.\ds: 17 jobs on 4 vendors, one tracker \(\d+ status checks\)\./,
    );
    expect(summary).toContain(
      'vendor   jobs  succeeded  failed  cancelled  errors  requests  detect median  detect max',
    );
    for (const vendor of ['revor', 'outx', 'oration', 'revkeen'])
      expect(summary).toMatch(new RegExp(`^${vendor} `, 'm'));
    // Seeded: the forced fates plus the account that needs a reconnect; nothing else fails.
    const total = summary
      .split('\n')
      .find((line) => line.startsWith('total'))
      ?.split(/\s+/);
    expect(total?.slice(0, 6)).toEqual(['total', '17', '10', '5', '2', '0']);
    expect(summary).toContain("The tracker's outcome matches the simulator's truth for 17 of 17 jobs.");

    const log = test.stderr();
    expect(log).toContain('Created 17 jobs');
    expect(log).toMatch(/revor \d+ \(.*scheduled/);
    expect(log).toContain('awaits approval');
    expect(log).toMatch(/^approved revkeen:/m);
    expect(log).toMatch(/^rejected revkeen:/m);
    expect(log).toContain('OutX: the extension is running again');
    expect(log).toMatch(/^demo: 17 jobs: /m);
    for (const outcome of ['succeeded', 'failed', 'cancelled'])
      expect(log).toMatch(new RegExp(` ${outcome} `));

    await new Promise((resolve) => setTimeout(resolve, 50));
    // Nothing of ours is left: no server, socket or timer beyond those the test runner had before.
    for (const [type, count] of Object.entries(handles()))
      expect(count).toBeLessThanOrEqual(before[type] ?? 0);
  }, 30_000);

  it('stops on the signal with exit 130, a partial summary, and the simulator closed', async () => {
    const before = handles();
    const controller = new AbortController();
    const test = createTestIo({ signal: controller.signal });
    setTimeout(() => controller.abort(), 600);
    expect(await main(argv('demo'), test.io, { demo: { timeScale: 0.05 } })).toBe(130);
    expect(test.stdout()).toMatch(/Demo interrupted after \d+\.\ds: \d+ of 17 jobs settled/);
    expect(test.stderr()).toMatch(/interrupted: \d+ jobs not finished/);
    await new Promise((resolve) => setTimeout(resolve, 50));
    for (const [type, count] of Object.entries(handles()))
      expect(count).toBeLessThanOrEqual(before[type] ?? 0);
  });
});
