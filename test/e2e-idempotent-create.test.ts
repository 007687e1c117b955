import { waitForJob } from '@asyncjob/core';
import { createOutx } from '@asyncjob/outx';
import { createRevkeen } from '@asyncjob/revkeen';
import { createRevor } from '@asyncjob/revor';
import type { FaultRates, RunningSimulator, SimulatedVendor } from '@asyncjob/simulator';
import { describe, expect, it } from 'vitest';
import {
  ALL_SUCCEED,
  expectMatchesTruth,
  FAST_POLL,
  truthId,
  unwrap,
  unwrapErr,
  useSimulator,
} from './e2e/harness';

/**
 * Makes the first request through this fetch meet a fault, and only the first: the fault is switched on at the
 * simulator until that request has failed on the client side, then switched off before any retry goes out.
 */
function faultOnFirstRequest(
  simulator: RunningSimulator,
  vendor: SimulatedVendor,
  fault: FaultRates,
): { fetch: typeof globalThis.fetch; sent: string[] } {
  const sent: string[] = [];
  simulator.control.setFaults({ [vendor]: fault });
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    sent.push(`${request.method} ${request.headers.get('idempotency-key')}`);
    try {
      return await globalThis.fetch(request);
    } finally {
      if (sent.length === 1) simulator.control.setFaults(undefined);
    }
  };
  return { fetch, sent };
}

/** A reset before the request is read; a response lost after the job was created (the client times out). */
const DROPS = {
  'a connection reset before the vendor read the request': { resetRate: 1 },
  'a response lost after the vendor created the job': { slowRate: 1, slowMs: 3_000 },
} as const satisfies Record<string, FaultRates>;

const revorDispatch = {
  channel: 'whatsapp',
  accountId: 'connect_account_k1_whatsapp',
  recipient: { phone: '+14155550100' },
  content: { text: 'Your order has shipped.' },
} as const;

describe('a create retried after a dropped connection creates one job', () => {
  for (const [name, fault] of Object.entries(DROPS)) {
    it(`Revor dispatch, after ${name}`, async () => {
      const simulator = await useSimulator({ seed: 401, timeScale: 0.005, outcomes: ALL_SUCCEED });
      const { fetch, sent } = faultOnFirstRequest(simulator, 'revor', fault);
      const revor = createRevor({
        apiKey: simulator.keys.revor[0],
        baseUrl: simulator.baseUrls.revor,
        fetch,
        timeoutMs: 500,
        createRetry: { limit: 2, delayMs: 20 },
      });

      const created = unwrap(await revor.dispatch(revorDispatch));

      // Two attempts, one Idempotency-Key, one task.
      expect(sent).toHaveLength(2);
      expect(new Set(sent).size).toBe(1);
      expect(sent[0]).toMatch(/^POST [0-9a-f-]{36}$/);
      const jobs = simulator.control.jobs('revor');
      expect(jobs.map((job) => job.id)).toEqual([created.id]);
      expect(simulator.stats().jobsCreated).toBe(1);
      // The first attempt met the fault; the retry got the created job (a replay, after a lost response).
      expect(simulator.stats().faults).toMatchObject('resetRate' in fault ? { reset: 1 } : { slow: 1 });
      if ('resetRate' in fault) {
        expect(simulator.stats().byVendor.revor.byStatus).toEqual({ reset: 1, '202': 1 });
      }

      const job = unwrap(await waitForJob(revor, created.id, { ...FAST_POLL, initialJob: created }));
      expect(job.status).toBe('succeeded');
      expectMatchesTruth(simulator, job);
    });

    it(`RevKeen run, after ${name}`, async () => {
      const simulator = await useSimulator({ seed: 402, timeScale: 0.005, outcomes: ALL_SUCCEED });
      const { fetch, sent } = faultOnFirstRequest(simulator, 'revkeen', fault);
      const revkeen = createRevkeen({
        apiKey: simulator.keys.revkeen[0],
        baseUrl: simulator.baseUrls.revkeen,
        fetch,
        timeoutMs: 500,
        createRetry: { limit: 2, delayMs: 20 },
      });
      const automationId = simulator.automations[0]?.id as string;

      const created = unwrap(
        await revkeen.runAutomation(automationId, { triggerPayload: { invoice: 'inv_9' } }),
      );

      expect(sent).toHaveLength(2);
      expect(new Set(sent).size).toBe(1);
      const runs = simulator.control.jobs('revkeen');
      expect(runs.map((run) => run.id)).toEqual([truthId(created)]);
      expect(simulator.stats().jobsCreated).toBe(1);
      // The first attempt met the fault; the retry got the created job (a replay, after a lost response).
      expect(simulator.stats().faults).toMatchObject('resetRate' in fault ? { reset: 1 } : { slow: 1 });
      if ('resetRate' in fault) {
        expect(simulator.stats().byVendor.revkeen.byStatus).toEqual({ reset: 1, '202': 1 });
      }
      const listed = unwrap(await revkeen.listRuns(automationId));
      expect(listed.runs.map((run) => run.id)).toEqual([created.id]);

      const job = unwrap(await waitForJob(revkeen, created.id, { ...FAST_POLL, initialJob: created }));
      expect(job.status).toBe('succeeded');
      expectMatchesTruth(simulator, job);
    });
  }

  it('OutX, which takes no idempotency key, sends a create once: a reset is an error and no task exists', async () => {
    const simulator = await useSimulator({ seed: 403 });
    const { fetch, sent } = faultOnFirstRequest(simulator, 'outx', { resetRate: 1 });
    const outx = createOutx({ apiKey: simulator.keys.outx[0], baseUrl: simulator.baseUrls.outx, fetch });

    const error = unwrapErr(await outx.sendMessage({ recipientUrn: 'urn:li:person:abc', message: 'Hello' }));

    expect(error).toMatchObject({ kind: 'network', provider: 'outx', retryable: true });
    expect(sent).toHaveLength(1);
    expect(simulator.control.jobs('outx')).toEqual([]);
  });
});
