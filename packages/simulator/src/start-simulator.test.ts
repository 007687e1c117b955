import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SIMULATOR_KEYS } from './simulator-options';
import { type RunningSimulator, startSimulator } from './start-simulator';
import { send, startTestSimulator } from './test-helpers';

const opened: RunningSimulator[] = [];

afterEach(async () => {
  await Promise.all(opened.splice(0).map((simulator) => simulator.close()));
});

async function open(options: Parameters<typeof startTestSimulator>[0] = {}) {
  const { simulator, clock } = await startTestSimulator(options);
  opened.push(simulator);
  return { simulator, clock };
}

// Timers are left out: fetch and the test runner create and drop their own all the time.
const HANDLE_KINDS = ['TCPServerWrap', 'TCPSocketWrap'] as const;

/** How many server and socket handles the process holds now. */
function handleCounts(): Record<(typeof HANDLE_KINDS)[number], number> {
  const active = process.getActiveResourcesInfo();
  return Object.fromEntries(
    HANDLE_KINDS.map((kind) => [kind, active.filter((name) => name === kind).length]),
  ) as Record<(typeof HANDLE_KINDS)[number], number>;
}

function noMoreThan(limit: ReturnType<typeof handleCounts>): boolean {
  const now = handleCounts();
  return HANDLE_KINDS.every((kind) => now[kind] <= limit[kind]);
}

async function settle(until: () => boolean): Promise<void> {
  // The client side of a socket the server destroyed closes a moment later; poll briefly instead of sleeping.
  for (let attempt = 0; attempt < 200 && !until(); attempt += 1)
    await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('startSimulator', () => {
  it('listens on 127.0.0.1 with a base URL per vendor and the default keys', async () => {
    const { simulator } = await open();
    expect(simulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(simulator.port).toBeGreaterThan(0);
    expect(simulator.seed).toBe(42);
    expect(simulator.baseUrls).toEqual({
      revor: `${simulator.url}/revor/api/v1`,
      outx: `${simulator.url}/outx/linkedin-agent`,
      oration: `${simulator.url}/oration/api/v2`,
      revkeen: `${simulator.url}/revkeen/v2`,
    });
    expect(simulator.keys).toEqual(DEFAULT_SIMULATOR_KEYS);
    expect(simulator.automations).toHaveLength(2);
  });

  it('fails with port_in_use when the port is taken', async () => {
    const { simulator } = await open();
    const result = await startSimulator({ port: simulator.port });
    expect(result._unsafeUnwrapErr()).toMatchObject({
      kind: 'port_in_use',
      message: expect.stringContaining(String(simulator.port)),
    });
  });

  it('fails with invalid_options instead of throwing', async () => {
    const result = await startSimulator({ port: -1 });
    expect(result._unsafeUnwrapErr().kind).toBe('invalid_options');
  });

  it('gives the same ids and fates for the same seed', async () => {
    const run = async () => {
      const { simulator } = await open({ seed: 7 });
      const body = { social_urn: 'urn:li:activity:1' };
      const created = await send(`${simulator.baseUrls.outx}/like-post`, {
        headers: { 'x-api-key': 'outx-sim-key-1' },
        body,
      });
      const truth = simulator.control.jobTruth('outx', created.body.api_agent_task_id);
      return [created.body.api_agent_task_id, truth?.expectedFinishAtMs, truth?.plannedOutcome];
    };
    expect(await run()).toEqual(await run());
  });

  it('lists the truth of every job', async () => {
    const { simulator } = await open();
    await send(`${simulator.baseUrls.outx}/like-post`, {
      headers: { 'x-api-key': 'outx-sim-key-1' },
      body: { social_urn: 'urn:li:activity:1' },
    });
    await send(`${simulator.baseUrls.revkeen}/automations/${simulator.automations[0]?.id}/runs`, {
      headers: { 'x-api-key': 'rk_sandbox_sim_1' },
      body: {},
    });
    expect(simulator.control.jobs().map((job) => job.vendor)).toEqual(['outx', 'revkeen']);
    expect(simulator.control.jobs('revkeen')).toHaveLength(1);
    expect(simulator.control.jobTruth('revor', 'nope')).toBeUndefined();
  });

  it('close() drops open connections and pending slow responses and leaves no handle', async () => {
    // Let sockets of earlier tests finish closing, so that they are not counted against this one.
    await settle(() => handleCounts().TCPSocketWrap === 0 && handleCounts().TCPServerWrap === 0);
    const before = handleCounts();
    const { simulator } = await startTestSimulator({ faults: { slowRate: 1, slowMs: 30 } });
    const pending = fetch(`${simulator.baseUrls.revor}/outreach/jobs/x`, {
      headers: { authorization: 'Bearer sk-revor-sim-1' },
    }).then(
      () => 'answered',
      () => 'rejected',
    );
    await settle(() => simulator.stats().faults.slow === 1);
    expect(handleCounts().TCPServerWrap).toBeGreaterThan(before.TCPServerWrap);
    await simulator.close();
    expect(await pending).toBe('rejected');
    await settle(() => noMoreThan(before));
    expect(handleCounts()).toEqual(before);
    // The delayed response's timer was cleared: had it fired, it would have counted the request.
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(simulator.stats().requests).toBe(0);
    // Closing twice is harmless.
    await simulator.close();
  });
});
