import { afterEach, describe, expect, it } from 'vitest';
import { EXTENSION_HEARTBEAT_WINDOW_MS } from './outx-extension';
import type { SimulatorOptions } from './simulator-options';
import type { RunningSimulator } from './start-simulator';
import { send, startTestSimulator, TEST_START_MS, type TestClock } from './test-helpers';

let simulator: RunningSimulator;
let clock: TestClock;

async function start(options: SimulatorOptions = {}) {
  ({ simulator, clock } = await startTestSimulator({
    durations: { outx: { queued: 2000, run: 3000 } },
    ...options,
  }));
}

afterEach(async () => {
  await simulator?.close();
});

const KEY_1 = { 'x-api-key': 'outx-sim-key-1' };
const KEY_2 = { 'x-api-key': 'outx-sim-key-2' };
const url = (path: string) => `${simulator.baseUrls.outx}${path}`;
const status = (id: string, headers = KEY_1) =>
  send(url(`/get-task-status?api_agent_task_id=${id}`), { headers });

describe('OutX auth', () => {
  it.each([
    [{}, 401, 'Missing API Key'],
    [{ 'x-api-key': 'wrong' }, 401, 'Invalid API Key'],
    [{ authorization: 'Bearer outx-sim-key-1' }, 401, 'Missing API Key'],
  ])('%j → %i %s', async (headers, code, message) => {
    await start();
    const response = await send(url('/fetch-profile'), { headers, body: { profile_slug: 'ada' } });
    expect([response.status, response.body]).toEqual([code, { error: message }]);
  });

  it('answers 403 while the extension is inactive, and after 48 h without a running browser', async () => {
    await start();
    simulator.control.setExtensionActive('outx-sim-key-1', false);
    const refused = await status('x');
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatch(/^Plugin installation required/);
    expect((await status('x', KEY_2)).status).toBe(404);

    simulator.control.setExtensionActive('outx-sim-key-1', true);
    simulator.control.setExtensionRunning('outx-sim-key-1', false);
    clock.advance(EXTENSION_HEARTBEAT_WINDOW_MS);
    expect((await status('x')).status).toBe(404);
    clock.advance(1);
    expect((await status('x')).status).toBe(403);
  });
});

describe('OutX creates', () => {
  it.each([
    ['/fetch-profile', { profile_slug: 'williamhgates' }, 'Profile fetch task created successfully'],
    ['/fetch-connections', { count: 3 }, 'Fetch connections task created successfully'],
    [
      '/send-connection-request',
      { profile_urn: 'urn:li:fsd_profile:A', note: 'Hi' },
      'Connection request task created successfully',
    ],
    [
      '/send-message',
      { recipient_urn: 'urn:li:person:1', message: 'Hello' },
      'Message task created successfully',
    ],
    ['/like-post', { social_urn: 'urn:li:activity:7120' }, 'Like post task created successfully'],
    ['/search-profiles', { keywords: 'founder' }, 'Search profiles task created successfully'],
  ])('POST %s', async (path, body, message) => {
    await start();
    const created = await send(url(path), { headers: KEY_1, body });
    expect(created.status).toBe(200);
    expect(created.body).toEqual({
      success: true,
      api_agent_task_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      message,
    });
  });

  it.each([
    [
      '/send-connection-request',
      { profile_urn: 'A', note: 'x'.repeat(301) },
      "Invalid 'note': must be 300 characters or fewer",
    ],
    ['/send-message', { recipient_urn: 'urn:li:person:1' }, "Missing or invalid 'message'"],
    ['/fetch-profile', '[1]', 'Request body must be a JSON object'],
    ['/fetch-profile', '{oops', 'Invalid JSON body'],
  ])('POST %s %j → 400', async (path, body, message) => {
    await start();
    const response = await send(url(path), { headers: KEY_1, body });
    expect([response.status, response.body]).toEqual([400, { error: message }]);
  });

  it('answers 405 to the wrong method and 404 to an unknown path', async () => {
    await start();
    const wrongMethod = await send(url('/fetch-profile'), { headers: KEY_1 });
    expect([wrongMethod.status, wrongMethod.body, wrongMethod.headers.get('allow')]).toEqual([
      405,
      { error: 'Method Not Allowed' },
      'POST',
    ]);
    expect((await send(url('/get-task-status'), { headers: KEY_1, body: {} })).status).toBe(405);
    expect((await send(url('/fetch-everything'), { headers: KEY_1, body: {} })).status).toBe(404);
  });

  it('has no idempotency: the same Idempotency-Key creates two tasks', async () => {
    await start();
    const headers = { ...KEY_1, 'idempotency-key': 'same' };
    const first = await send(url('/like-post'), { headers, body: { social_urn: 'urn:li:activity:1' } });
    const second = await send(url('/like-post'), { headers, body: { social_urn: 'urn:li:activity:1' } });
    expect(first.body.api_agent_task_id).not.toBe(second.body.api_agent_task_id);
  });
});

describe('GET /get-task-status', () => {
  it('keeps a task pending until the extension has run it, then completes it', async () => {
    await start();
    const created = await send(url('/send-message'), {
      headers: KEY_1,
      body: { recipient_urn: 'urn:li:person:1', message: 'Hello' },
    });
    const id = created.body.api_agent_task_id;
    const task_input = {
      task_type: 'agent_send_message',
      recipient_urn: 'urn:li:person:1',
      message: 'Hello',
    };
    expect((await status(id)).body).toEqual({
      success: true,
      data: { id, status: 'pending', task_input, task_output: null },
    });
    clock.advance(4999);
    expect((await status(id)).body.data.status).toBe('pending');
    clock.advance(1);
    expect((await status(id)).body).toEqual({
      success: true,
      data: { id, status: 'completed', task_input, task_output: { sent: true } },
    });
    expect(simulator.control.jobTruth('outx', id)).toMatchObject({
      outcome: 'succeeded',
      finishedAtMs: TEST_START_MS + 5000,
    });
  });

  it('returns a profile for fetch-profile', async () => {
    await start();
    const created = await send(url('/fetch-profile'), {
      headers: KEY_1,
      body: { profile_slug: 'williamhgates' },
    });
    clock.advance(5000);
    const task = await status(created.body.api_agent_task_id);
    expect(task.body.data.task_input).toEqual({
      task_type: 'agent_profile_fetch',
      profile_slug: 'williamhgates',
    });
    expect(task.body.data.task_output).toMatchObject({
      name: expect.any(String),
      headline: expect.any(String),
      profile_url: 'https://www.linkedin.com/in/williamhgates',
      profile_urn: expect.stringMatching(/^urn:li:fsd_profile:/),
    });
  });

  it('completes a forced failure with sent: false', async () => {
    await start();
    simulator.control.planNextJob('outx', { outcome: 'failed', queuedMs: 0, runMs: 10 });
    const created = await send(url('/send-connection-request'), {
      headers: KEY_1,
      body: { profile_urn: 'A' },
    });
    clock.advance(10);
    const task = await status(created.body.api_agent_task_id);
    expect(task.body.data).toMatchObject({
      status: 'completed',
      task_output: { sent: false, error: expect.any(String) },
    });
    expect(simulator.control.jobTruth('outx', created.body.api_agent_task_id)?.outcome).toBe('failed');
  });

  it('stays pending while the browser is closed and resumes when it runs again', async () => {
    await start();
    const created = await send(url('/like-post'), {
      headers: KEY_1,
      body: { social_urn: 'urn:li:activity:1' },
    });
    const id = created.body.api_agent_task_id;
    clock.advance(1000);
    simulator.control.setExtensionRunning('outx-sim-key-1', false);
    clock.advance(60_000);
    expect((await status(id)).body.data.status).toBe('pending');
    expect(simulator.control.jobTruth('outx', id)).toMatchObject({
      terminal: false,
      expectedFinishAtMs: null,
    });
    simulator.control.setExtensionRunning('outx-sim-key-1', true);
    clock.advance(3999);
    expect((await status(id)).body.data.status).toBe('pending');
    clock.advance(1);
    expect((await status(id)).body.data.status).toBe('completed');
  });

  it('does not progress tasks while the extension is inactive', async () => {
    await start();
    const created = await send(url('/like-post'), {
      headers: KEY_1,
      body: { social_urn: 'urn:li:activity:1' },
    });
    const id = created.body.api_agent_task_id;
    simulator.control.setExtensionActive('outx-sim-key-1', false);
    clock.advance(60_000);
    expect((await status(id)).status).toBe(403);
    simulator.control.setExtensionActive('outx-sim-key-1', true);
    expect((await status(id)).body.data.status).toBe('pending');
    clock.advance(5000);
    expect((await status(id)).body.data.status).toBe('completed');
  });

  it.each([
    ['', "Missing or invalid 'api_agent_task_id'", 400],
    ['?api_agent_task_id=', "Missing or invalid 'api_agent_task_id'", 400],
    ['?api_agent_task_id=unknown', 'Agent task not found', 404],
  ])('%s → %i', async (query, message, code) => {
    await start();
    const response = await send(url(`/get-task-status${query}`), { headers: KEY_1 });
    expect([response.status, response.body]).toEqual([code, { error: message }]);
  });

  it("hides another team's task", async () => {
    await start();
    const created = await send(url('/like-post'), {
      headers: KEY_1,
      body: { social_urn: 'urn:li:activity:1' },
    });
    const other = await status(created.body.api_agent_task_id, KEY_2);
    expect([other.status, other.body]).toEqual([404, { error: 'Agent task not found' }]);
  });

  it('answers 429 with the documented text when a limit is set', async () => {
    await start({ rateLimits: { outx: { limit: 1, windowMs: 3_600_000 } } });
    await status('a');
    const limited = await status('b');
    expect([limited.status, limited.body]).toEqual([
      429,
      { error: 'Rate limit exceeded. Please try again later.' },
    ]);
    expect(limited.headers.get('retry-after')).toBe('3600');
  });
});
