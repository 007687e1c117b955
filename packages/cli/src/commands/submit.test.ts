import type { RunningSimulator } from '@asyncjob/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../main';
import {
  argv,
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

const submit = (args: string[], io: ReturnType<typeof createTestIo>['io']) =>
  main(argv('submit', ...args), io, { tracker: FAST_TRACKER, progressIntervalMs: 50 });

const email = (simulate?: object) =>
  JSON.stringify({
    channel: 'email',
    accountId: 'connect_account_k1_email',
    recipient: { address: 'grace@example.com' },
    content: { subject: 'Hello', text: 'Hi Grace' },
    ...(simulate ? { metadata: { simulate } } : {}),
  });

describe('asyncjob submit', () => {
  it('creates a job and prints it without waiting', async () => {
    const test = createTestIo({ env });
    expect(await submit(['revor', 'dispatch', '--data', email(), '--json'], test.io)).toBe(0);
    const job = JSON.parse(test.stdout());
    expect(job).toMatchObject({ provider: 'revor', status: 'queued', terminal: false });
    expect(simulator.control.jobTruth('revor', job.id)).toBeDefined();
  });

  it.each([
    ['outx', 'fetch-profile', { profileSlug: 'satyanadella' }],
    ['oration', 'customers-batch', { customers: [{ identifier: 'cus_9', name: 'Alan' }] }],
    ['revkeen', 'run', { automationId: '64fb5f73-6415-4f56-8e9e-ca06539f09ac', triggerPayload: { days: 7 } }],
  ])('creates a %s %s job', async (provider, operation, data) => {
    const test = createTestIo({ env });
    expect(await submit([provider, operation, '--data', JSON.stringify(data)], test.io)).toBe(0);
    expect(test.stdout()).toMatch(new RegExp(`^${provider}:\\S+  queued`));
  });

  it('with --wait, tracks the created job: exit 0 once it succeeded', async () => {
    const test = createTestIo({ env });
    const data = email({ outcome: 'succeeded', queuedMs: 0, runMs: 150 });
    expect(await submit(['revor', 'dispatch', '--data', data, '--wait', '--json'], test.io)).toBe(0);
    const lines = test.stdoutLines().map((line) => JSON.parse(line));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ provider: 'revor', status: 'succeeded', terminal: true });
    expect(test.stderr()).toMatch(/^created revor:\S+ {2}(queued|running)/);
  });

  it('with --wait, exits 1 when the job fails', async () => {
    const test = createTestIo({ env });
    const data = email({ outcome: 'failed', queuedMs: 0, runMs: 50 });
    expect(await submit(['revor', 'dispatch', '--data', data, '--wait'], test.io)).toBe(1);
    expect(test.stdout()).toMatch(/^revor:\S+ {2}failed/);
  });

  it('with --wait, exits 4 when the timeout passes first', async () => {
    simulator.control.planNextJob('outx', { outcome: 'succeeded', queuedMs: 0, runMs: 60_000 });
    const test = createTestIo({ env });
    const data = JSON.stringify({ profileSlug: 'jeffweiner08' });
    expect(
      await submit(['outx', 'fetch-profile', '--data', data, '--wait', '--timeout', '300ms'], test.io),
    ).toBe(4);
    expect(test.stderr()).toMatch(/error outx:\S+: poll_timeout/);
  });

  it('sends the idempotency key exactly as typed: the same key gives the same job', async () => {
    const first = createTestIo({ env });
    const second = createTestIo({ env });
    expect(
      await submit(['revor', 'dispatch', '--data', email(), '--idempotency-key', '0012', '--json'], first.io),
    ).toBe(0);
    expect(
      await submit(
        ['revor', 'dispatch', '--data', email(), '--idempotency-key', '0012', '--json'],
        second.io,
      ),
    ).toBe(0);
    expect(JSON.parse(second.stdout()).id).toBe(JSON.parse(first.stdout()).id);
    const other = createTestIo({ env });
    expect(
      await submit(['revor', 'dispatch', '--data', email(), '--idempotency-key', '12', '--json'], other.io),
    ).toBe(0);
    expect(JSON.parse(other.stdout()).id).not.toBe(JSON.parse(first.stdout()).id);
  });

  it('notes that a vendor without idempotency keys ignores --idempotency-key', async () => {
    const test = createTestIo({ env });
    const data = JSON.stringify({ profileSlug: 'williamhgates' });
    expect(await submit(['outx', 'fetch-profile', '--data', data, '--idempotency-key', 'k1'], test.io)).toBe(
      0,
    );
    expect(test.stderr()).toContain('note: outx takes no idempotency key; --idempotency-key is ignored.');
  });

  it.each([
    [['revor', 'teleport', '--data', '{}'], 'invalid_request', 'revor has no operation "teleport"'],
    [['revor', 'dispatch', '--data', '{"channel":"fax"}'], 'invalid_request', 'Invalid dispatch input'],
    [['outx', 'fetch-profile', '--data', '[]'], 'invalid_request', 'outx fetch-profile'],
    [['oration', 'customers-batch', '--data', '{"customers":[]}'], 'invalid_request', 'customers'],
    [['acme', 'run', '--data', '{}'], 'config', 'Provider "acme" is not configured'],
  ])('exits 2 when %j is refused before any request', async (args, kind, message) => {
    const before = simulator.stats().requests;
    const test = createTestIo({ env });
    expect(await submit(args, test.io)).toBe(2);
    expect(test.stderr()).toContain(`error: ${kind}: `);
    expect(test.stderr()).toContain(message);
    expect(simulator.stats().requests).toBe(before);
  });

  it('exits 3 when the vendor refuses the request', async () => {
    const test = createTestIo({ env });
    const data = JSON.stringify({ automationId: '00000000-0000-4000-8000-000000000000' });
    expect(await submit(['revkeen', 'run', '--data', data, '--json'], test.io)).toBe(3);
    expect(JSON.parse(test.stdout())).toMatchObject({
      ref: null,
      error: { kind: 'not_found', httpStatus: 404 },
    });
  });

  it('exits 3 for a wrong key and never prints it', async () => {
    const key = 'rk_sandbox_FAKE_7c1e55_DO_NOT_PRINT';
    const test = createTestIo({ env: { ...env, REVKEEN_API_KEY: key } });
    const data = JSON.stringify({ automationId: '64fb5f73-6415-4f56-8e9e-ca06539f09ac' });
    expect(await submit(['revkeen', 'run', '--data', data, '--wait'], test.io)).toBe(3);
    expect(test.stderr()).toContain('unauthorized');
    expect(test.all()).not.toContain(key);
  });
});
