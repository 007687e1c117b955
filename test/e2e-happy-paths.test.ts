import { type AsyncJob, type AsyncJobError, waitForJob } from '@asyncjob/core';
import { createOration } from '@asyncjob/oration';
import { createOutx } from '@asyncjob/outx';
import { createRevkeen } from '@asyncjob/revkeen';
import { createRevor } from '@asyncjob/revor';
import type { RunningSimulator } from '@asyncjob/simulator';
import type { ResultAsync } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import {
  ALL_SUCCEED,
  allKeys,
  expectMatchesTruth,
  expectNoSecret,
  FAST_POLL,
  unwrap,
  useSimulator,
} from './e2e/harness';

/** Creates through a typed method, then waits with the job in hand (no lookup before it can have moved). */
async function createAndWait<TResult>(
  client: Parameters<typeof waitForJob<TResult>>[0],
  create: ResultAsync<AsyncJob<TResult>, AsyncJobError>,
): Promise<{ created: AsyncJob<TResult>; job: AsyncJob<TResult> }> {
  const created = unwrap(await create);
  expect(created.terminal).toBe(false);
  const job = unwrap(await waitForJob(client, created.id, { ...FAST_POLL, initialJob: created }));
  expect(job.id).toBe(created.id);
  return { created, job };
}

function revorClient(simulator: RunningSimulator) {
  return createRevor({ apiKey: simulator.keys.revor[0], baseUrl: simulator.baseUrls.revor });
}

describe('Revor through its typed methods', () => {
  it('lists the Connect accounts, with and without filters', async () => {
    const simulator = await useSimulator({ seed: 201 });
    const revor = revorClient(simulator);

    const accounts = unwrap(await revor.listAccounts());
    expect(accounts.map((account) => [account.accountId, account.channel, account.canSend])).toEqual([
      ['connect_account_k1_email', 'email', true],
      ['connect_account_k1_linkedin', 'linkedin', true],
      ['connect_account_k1_whatsapp', 'whatsapp', true],
      ['connect_account_k1_linkedin_stale', 'linkedin', false],
    ]);
    expect(accounts[0]).toEqual({
      accountId: 'connect_account_k1_email',
      channel: 'email',
      name: 'Sales 1',
      accountIdentifier: 'sales1@sim.example.com',
      status: 'ok',
      lifecycleStatus: 'active',
      canSend: true,
      canReceive: true,
    });

    const sendingLinkedin = unwrap(await revor.listAccounts({ channel: 'linkedin', canSend: true }));
    expect(sendingLinkedin.map((account) => account.accountId)).toEqual(['connect_account_k1_linkedin']);
    const notSending = unwrap(await revor.listAccounts({ canSend: false }));
    expect(notSending.map((account) => account.lifecycleStatus)).toEqual(['reconnect_required']);
  });

  it('dispatches by email, LinkedIn and WhatsApp and likes a post, each to success', async () => {
    const simulator = await useSimulator({ seed: 202, timeScale: 0.005, outcomes: ALL_SUCCEED });
    const revor = revorClient(simulator);

    const email = await createAndWait(
      revor,
      revor.dispatch({
        channel: 'email',
        accountId: 'connect_account_k1_email',
        recipient: { address: 'grace@example.com', name: 'Grace' },
        content: { subject: 'Hello', text: 'Hello Grace', html: '<p>Hello Grace</p>' },
        metadata: { campaign: 'spring' },
      }),
    );
    const linkedin = await createAndWait(
      revor,
      revor.dispatch({
        channel: 'linkedin',
        accountId: 'connect_account_k1_linkedin',
        recipient: { profileUrl: 'https://www.linkedin.com/in/grace-hopper' },
        content: { text: 'Hello Grace' },
      }),
    );
    const whatsapp = await createAndWait(
      revor,
      revor.dispatch({
        channel: 'whatsapp',
        accountId: 'connect_account_k1_whatsapp',
        recipient: { phone: '+14155550100' },
        content: { attachments: [{ filename: 'offer.pdf', contentBase64: 'JVBERi0xLjQK' }] },
      }),
    );
    const like = await createAndWait(
      revor,
      revor.likePost({ profileUrl: 'https://www.linkedin.com/in/grace-hopper', topic: 'compilers' }),
    );

    for (const { created, job } of [email, linkedin, whatsapp, like]) {
      expect(created.ref).toBe(`revor:${created.id}`);
      expect(job.status).toBe('succeeded');
      expect(job.failure).toBeNull();
      expect(job.finishedAt).toBeInstanceOf(Date);
      expectMatchesTruth(simulator, job);
    }
    expect(email.job.result).toEqual({
      taskAction: 'outreach.dispatch',
      channel: 'email',
      accountId: 'connect_account_k1_email',
      resolvedAction: 'message',
      messageId: expect.stringMatching(/^message_/),
      status: 'accepted',
    });
    expect(linkedin.job.result?.resolvedAction).toMatch(/^(direct_message|invitation)$/);
    expect(whatsapp.job.result).toMatchObject({ channel: 'whatsapp', resolvedAction: 'message' });
    expect(like.job.result).toMatchObject({
      taskAction: 'outreach.linkedin.post_like',
      accountId: 'connect_account_k1_linkedin',
      status: 'liked',
    });
    expect(simulator.stats().byVendor.revor.jobsCreated).toBe(4);
  });

  it('reports a post-like that found no relevant post as succeeded with status skipped', async () => {
    const simulator = await useSimulator({
      seed: 203,
      timeScale: 0.005,
      outcomes: { revor: { failed: 0, cancelled: 0, retry: 0, skipped: 1 } },
    });
    const revor = revorClient(simulator);
    const { job } = await createAndWait(
      revor,
      revor.likePost({
        profileUrl: 'https://www.linkedin.com/in/grace-hopper',
        accountId: 'connect_account_k1_linkedin',
        intent: 'congratulate on the new role',
      }),
    );
    expect(job.status).toBe('succeeded');
    expect(job.result?.status).toBe('skipped');
    expectMatchesTruth(simulator, job);
  });

  it('returns a dispatch through an account that needs a reconnect as a failed job, not an error', async () => {
    const simulator = await useSimulator({ seed: 204, timeScale: 0.005 });
    const revor = revorClient(simulator);
    const { job } = await createAndWait(
      revor,
      revor.dispatch({
        channel: 'linkedin',
        accountId: 'connect_account_k1_linkedin_stale',
        recipient: { profileUrl: 'https://www.linkedin.com/in/grace-hopper' },
        content: { text: 'Hello' },
      }),
    );
    expect(job.status).toBe('failed');
    expect(job.result).toBeNull();
    expect(job.failure).toEqual({
      code: 'connect_account_reconnect_required',
      message: 'connect_account_reconnect_required',
      retryable: false,
    });
    expectMatchesTruth(simulator, job);
  });
});

describe('OutX through its typed methods', () => {
  it('creates each kind of task and reads its output once the extension has run it', async () => {
    const simulator = await useSimulator({ seed: 211, timeScale: 0.005, outcomes: ALL_SUCCEED });
    const outx = createOutx({ apiKey: simulator.keys.outx[0], baseUrl: simulator.baseUrls.outx });

    const profile = await createAndWait(outx, outx.fetchProfile({ profileSlug: 'williamhgates' }));
    const connections = await createAndWait(outx, outx.fetchConnections({ start: 0, count: 5 }));
    const invitation = await createAndWait(
      outx,
      outx.sendConnectionRequest({ profileUrn: 'urn:li:fsd_profile:ACoAAB1234', note: 'Met at the summit' }),
    );
    const message = await createAndWait(
      outx,
      outx.sendMessage({ recipientUrn: 'urn:li:person:abc123', message: 'Thanks for connecting!' }),
    );
    const like = await createAndWait(
      outx,
      outx.likePost({ socialUrn: 'urn:li:activity:7120000000000000000' }),
    );
    const search = await createAndWait(outx, outx.searchProfiles({ title: 'CTO', company: 'Acme' }));

    const all = [profile, connections, invitation, message, like, search];
    for (const { created, job } of all) {
      expect(created).toMatchObject({ status: 'queued', rawStatus: 'pending' });
      expect(job).toMatchObject({ status: 'succeeded', rawStatus: 'completed', failure: null });
      expectMatchesTruth(simulator, job);
    }
    expect(profile.job.result).toMatchObject({
      name: expect.any(String),
      headline: expect.any(String),
      profileUrl: 'https://www.linkedin.com/in/williamhgates',
      profileUrn: expect.stringMatching(/^urn:li:fsd_profile:/),
    });
    expect(connections.job.result).toMatchObject({ total: expect.any(Number) });
    expect((connections.job.result?.connections as unknown[] | undefined)?.length).toBeLessThanOrEqual(5);
    for (const action of [invitation, message, like]) expect(action.job.result).toEqual({ sent: true });
    expect(search.job.result).toMatchObject({ total: expect.any(Number), profiles: expect.any(Array) });
    expect(simulator.stats().byVendor.outx.jobsCreated).toBe(6);
  });

  it('reads a completed action without `sent: true` as a failed job', async () => {
    const simulator = await useSimulator({ seed: 212, timeScale: 0.005, outcomes: { outx: { failed: 1 } } });
    const outx = createOutx({ apiKey: simulator.keys.outx[0], baseUrl: simulator.baseUrls.outx });
    const { job } = await createAndWait(
      outx,
      outx.sendMessage({ recipientUrn: 'urn:li:person:abc123', message: 'Hello' }),
    );
    expect(job).toMatchObject({ status: 'failed', rawStatus: 'completed', result: null });
    expect(job.failure).toEqual({ code: 'task_failed', message: expect.any(String), retryable: false });
    expectMatchesTruth(simulator, job);
  });
});

describe('Oration through its typed methods', () => {
  it('imports a customer batch to success; the result is null and the job record stays in raw', async () => {
    const simulator = await useSimulator({ seed: 221, timeScale: 0.005, outcomes: ALL_SUCCEED });
    const [key] = simulator.keys.oration;
    const oration = createOration({
      apiKey: key?.apiKey,
      workspaceSlug: key?.workspaceSlug,
      baseUrl: simulator.baseUrls.oration,
    });
    const { created, job } = await createAndWait(
      oration,
      oration.createCustomerBatch({
        customers: [
          { identifier: 'crm-1001', name: 'Ava Johnson', phoneNumber: '+14155550100', priority: 1 },
          { identifier: 'crm-1002', email: 'noah@example.com', metadata: { tier: 'gold' } },
        ],
        strategy: 'upsert',
      }),
    );
    expect(created).toMatchObject({ status: 'queued', rawStatus: 'created' });
    expect(job).toMatchObject({ status: 'succeeded', rawStatus: 'success', result: null, failure: null });
    expect(job.raw).toMatchObject({ name: 'customer.createBatch', workspaceId: key?.workspaceId });
    expect(job.finishedAt).toEqual(job.updatedAt);
    expectMatchesTruth(simulator, job);
  });

  it('fails a second insert of the same customer, with the row problem as the failure message', async () => {
    const simulator = await useSimulator({ seed: 222, timeScale: 0.005, outcomes: ALL_SUCCEED });
    const [key] = simulator.keys.oration;
    const oration = createOration({
      apiKey: key?.apiKey,
      workspaceId: key?.workspaceId,
      baseUrl: simulator.baseUrls.oration,
    });
    const batch = { customers: [{ identifier: 'crm-2001', name: 'Liam Smith' }] };
    const first = await createAndWait(oration, oration.createCustomerBatch(batch));
    const second = await createAndWait(oration, oration.createCustomerBatch(batch));
    expect(first.job.status).toBe('succeeded');
    expect(second.job).toMatchObject({ status: 'failed', rawStatus: 'failed', result: null });
    expect(second.job.failure).toEqual({
      code: 'job_failed',
      message: expect.stringContaining('already exists'),
      retryable: false,
    });
    expectMatchesTruth(simulator, second.job);
  });
});

describe('RevKeen through its typed methods', () => {
  it('runs an automation to success and finds the run in listRuns', async () => {
    const simulator = await useSimulator({ seed: 231, timeScale: 0.005, outcomes: ALL_SUCCEED });
    const revkeen = createRevkeen({ apiKey: simulator.keys.revkeen[0], baseUrl: simulator.baseUrls.revkeen });
    const automationId = simulator.automations[0]?.id as string;
    expect(revkeen.mode).toBe('sandbox');

    const first = await createAndWait(
      revkeen,
      revkeen.runAutomation(automationId, { triggerPayload: { invoiceId: 'inv_123' } }),
    );
    const second = await createAndWait(revkeen, revkeen.runAutomation(automationId));
    for (const { created, job } of [first, second]) {
      expect(created.id.startsWith(`${automationId}/`)).toBe(true);
      expect(created.ref).toBe(`revkeen:${created.id}`);
      expect(job).toMatchObject({ status: 'succeeded', failure: null });
      expectMatchesTruth(simulator, job);
    }
    expect(first.job.result).toMatchObject({
      summary: expect.any(String),
      automationName: simulator.automations[0]?.name,
      approvals: [],
    });
    expect(first.job.result?.steps.length).toBeGreaterThan(0);

    const page = unwrap(await revkeen.listRuns(automationId));
    const listed = page.runs.map((run) => [run.id, run.status]);
    expect(listed).toHaveLength(2);
    expect(listed).toEqual(
      expect.arrayContaining([
        [first.job.id, 'succeeded'],
        [second.job.id, 'succeeded'],
      ]),
    );
    const onePage = unwrap(await revkeen.listRuns(automationId, { limit: 1, offset: 1 }));
    expect(onePage.runs).toHaveLength(1);
    expect(onePage).toMatchObject({ total: 2, hasMore: false });
    expectNoSecret([page, onePage, first, second], allKeys(simulator));
  });
});
