import { afterEach, describe, expect, it } from 'vitest';
import type { SimulatorOptions } from './simulator-options';
import type { RunningSimulator } from './start-simulator';
import { send, startTestSimulator } from './test-helpers';

let simulator: RunningSimulator;

async function start(options: SimulatorOptions = {}) {
  ({ simulator } = await startTestSimulator(options));
}

afterEach(async () => {
  await simulator?.close();
});

const REVOR = { authorization: 'Bearer sk-revor-sim-1' };
const OUTX = { 'x-api-key': 'outx-sim-key-1' };
const jobUrl = () => `${simulator.baseUrls.revor}/outreach/jobs/missing`;

describe('fault injection', () => {
  it('answers a 5xx with a proxy HTML page', async () => {
    await start({ faults: { serverErrorRate: 1, htmlErrorShare: 1 } });
    const response = await send(jobUrl(), { headers: REVOR });
    expect([502, 503]).toContain(response.status);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.text).toMatch(/^<(!DOCTYPE )?html/);
    expect(response.body).toBeUndefined();
    expect(simulator.stats().faults.server_error).toBe(1);
  });

  it('answers a 5xx with the vendor JSON when not HTML', async () => {
    await start({ faults: { outx: { serverErrorRate: 1, htmlErrorShare: 0 } } });
    const response = await send(`${simulator.baseUrls.outx}/get-task-status?api_agent_task_id=x`, {
      headers: OUTX,
    });
    expect([response.status, response.body]).toEqual([500, { error: 'Internal Server Error' }]);
    // Faults of one vendor leave the others alone.
    expect((await send(jobUrl(), { headers: REVOR })).status).toBe(404);
  });

  it('resets the connection so that fetch rejects', async () => {
    await start({ faults: { resetRate: 1 } });
    await expect(fetch(jobUrl(), { headers: REVOR })).rejects.toThrow(TypeError);
    const stats = simulator.stats();
    expect(stats.faults.reset).toBeGreaterThanOrEqual(1);
    expect(stats.byVendor.revor.byStatus.reset).toBeGreaterThanOrEqual(1);
  });

  it('truncates the JSON body of a malformed response, and the request still takes effect', async () => {
    await start({ faults: { revor: { malformedRate: 1 } } });
    const response = await fetch(`${simulator.baseUrls.revor}/outreach/dispatches`, {
      method: 'POST',
      headers: { ...REVOR, 'content-type': 'application/json' },
      body: JSON.stringify({
        account_id: 'connect_account_k1_email',
        channel: 'email',
        action: 'outreach',
        recipient: { address: 'a@b.co' },
        content: { subject: 'S', text: 'T' },
      }),
    });
    expect(response.status).toBe(202);
    const text = await response.text();
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
    expect(text.startsWith('{"ok":true')).toBe(true);
    expect(simulator.stats().byVendor.revor.jobsCreated).toBe(1);
  });

  it('delays a slow response by slowMs', async () => {
    await start({ faults: { slowRate: 1, slowMs: 40 } });
    const startedAt = performance.now();
    const response = await send(jobUrl(), { headers: REVOR });
    expect(response.status).toBe(404);
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(35);
    expect(simulator.stats().faults.slow).toBe(1);
  });

  it('changes fault rates at run time', async () => {
    await start();
    expect((await send(jobUrl(), { headers: REVOR })).status).toBe(404);
    simulator.control.setFaults({ serverErrorRate: 1, htmlErrorShare: 0 });
    expect((await send(jobUrl(), { headers: REVOR })).status).toBe(500);
    simulator.control.setFaults(undefined);
    expect((await send(jobUrl(), { headers: REVOR })).status).toBe(404);
  });
});

describe('routing outside the vendors', () => {
  it('describes itself at / and answers 404 elsewhere', async () => {
    await start();
    const root = await send(`${simulator.url}/`);
    expect(root.body).toEqual({
      name: 'asyncjob simulator',
      vendors: {
        revor: '/revor/api/v1',
        outx: '/outx/linkedin-agent',
        oration: '/oration/api/v2',
        revkeen: '/revkeen/v2',
      },
    });
    expect((await send(`${simulator.url}/acme/v1/jobs`)).status).toBe(404);
    expect(simulator.stats().unmatched).toBe(2);
  });

  it('refuses a body over 1 MiB with 413', async () => {
    await start();
    const response = await send(`${simulator.baseUrls.outx}/fetch-profile`, {
      headers: OUTX,
      body: JSON.stringify({ profile_slug: 'x'.repeat(1024 * 1024) }),
    });
    expect(response.status).toBe(413);
  });
});

describe('stats', () => {
  it('counts requests per vendor, endpoint template and status, and jobs created; reset() clears them', async () => {
    await start();
    const created = await send(`${simulator.baseUrls.outx}/like-post`, {
      headers: OUTX,
      body: { social_urn: 'urn:li:activity:1' },
    });
    const id = created.body.api_agent_task_id;
    await send(`${simulator.baseUrls.outx}/get-task-status?api_agent_task_id=${id}`, { headers: OUTX });
    await send(`${simulator.baseUrls.outx}/get-task-status?api_agent_task_id=${id}`, { headers: OUTX });
    await send(`${simulator.baseUrls.outx}/get-task-status?api_agent_task_id=${id}`, { headers: {} });
    await send(`${simulator.baseUrls.revor}/outreach/jobs/abc`, { headers: REVOR });
    await send(`${simulator.baseUrls.revor}/outreach/jobs/def`, { headers: REVOR });
    await send(`${simulator.baseUrls.revor}/nowhere`, { headers: REVOR });

    const stats = simulator.stats();
    expect(stats.requests).toBe(7);
    expect(stats.jobsCreated).toBe(1);
    expect(stats.byStatus).toEqual({ '200': 3, '401': 1, '404': 3 });
    expect(stats.byVendor.outx).toEqual({
      requests: 4,
      byEndpoint: { 'POST /like-post': 1, 'GET /get-task-status': 3 },
      byStatus: { '200': 3, '401': 1 },
      jobsCreated: 1,
      rateLimited: 0,
    });
    expect(stats.byVendor.revor.byEndpoint).toEqual({ 'GET /outreach/jobs/:id': 2, 'GET *': 1 });
    expect(stats.byVendor.oration.requests).toBe(0);

    simulator.stats.reset();
    expect(simulator.stats()).toMatchObject({ requests: 0, jobsCreated: 0, byStatus: {} });
    expect(simulator.stats().byVendor.outx.byEndpoint).toEqual({});
  });
});
