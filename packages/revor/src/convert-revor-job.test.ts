import type { AsyncJob } from '@asyncjob/core';
import { loadFixture } from '@asyncjob/core/test';
import { describe, expect, it } from 'vitest';
import {
  convertRevorAccount,
  convertRevorCreatedJob,
  convertRevorJob,
  type RevorResult,
} from './convert-revor-job';
import {
  type RevorJobItem,
  revorAccountsEnvelopeSchema,
  revorCreatedEnvelopeSchema,
  revorJobEnvelopeSchema,
} from './revor-api';

const jobItem = (name: string) =>
  revorJobEnvelopeSchema.parse(loadFixture(import.meta.url, `__fixtures__/${name}`)).item;
const createdItem = (name: string) =>
  revorCreatedEnvelopeSchema.parse(loadFixture(import.meta.url, `__fixtures__/${name}`)).item;

const pending = (item: RevorJobItem, fields: Partial<AsyncJob<RevorResult>>): AsyncJob<RevorResult> =>
  ({
    ref: `revor:${item.id}`,
    provider: 'revor',
    id: item.id,
    rawStatus: item.status,
    terminal: false,
    result: null,
    failure: null,
    createdAt: null,
    updatedAt: null,
    scheduledAt: null,
    startedAt: null,
    finishedAt: null,
    nextAttemptAt: null,
    attempts: null,
    raw: item,
    ...fields,
  }) as AsyncJob<RevorResult>;

describe('convertRevorJob', () => {
  it('converts the documented succeeded dispatch', () => {
    const item = jobItem('revor-jobs-succeeded.json');
    expect(convertRevorJob(item)).toEqual({
      ref: 'revor:job_uuid',
      provider: 'revor',
      id: 'job_uuid',
      status: 'succeeded',
      rawStatus: 'succeeded',
      terminal: true,
      result: {
        taskAction: 'outreach.dispatch',
        channel: 'email',
        accountId: 'connect_account_xxx',
        resolvedAction: 'message',
        messageId: 'message_xxx',
        status: 'accepted',
      },
      failure: null,
      createdAt: null,
      updatedAt: null,
      scheduledAt: new Date('2026-05-20T10:00:00.000Z'),
      startedAt: new Date('2026-05-20T10:00:01.000Z'),
      finishedAt: new Date('2026-05-20T10:00:08.000Z'),
      nextAttemptAt: null,
      attempts: 1,
      raw: item,
    });
  });

  it('converts the documented failed dispatch into data, not an error', () => {
    const item = jobItem('revor-jobs-failed.json');
    expect(convertRevorJob(item)).toEqual({
      ref: 'revor:job_uuid',
      provider: 'revor',
      id: 'job_uuid',
      status: 'failed',
      rawStatus: 'failed',
      terminal: true,
      result: null,
      failure: {
        code: 'connect_account_reconnect_required',
        message: 'connect_account_reconnect_required',
        retryable: false,
      },
      createdAt: null,
      updatedAt: null,
      scheduledAt: null,
      startedAt: null,
      finishedAt: null,
      nextAttemptAt: null,
      attempts: 2,
      raw: item,
    });
  });

  it('converts the v2 result that carries only status and message_id', () => {
    const job = convertRevorJob(jobItem('revor-jobs-succeeded-v2.json'));
    expect(job.status).toBe('succeeded');
    expect(job.result).toEqual({
      taskAction: null,
      channel: null,
      accountId: null,
      resolvedAction: null,
      messageId: 'message_xxx',
      status: 'accepted',
    });
    expect([job.scheduledAt, job.startedAt, job.finishedAt, job.attempts]).toEqual([null, null, null, null]);
  });

  it.each([
    ['revor-jobs-post-like-liked.json', 'liked', '2026-05-20T10:00:09.000Z'],
    // No relevant post: nothing was liked, and the task still succeeded.
    ['revor-jobs-post-like-skipped.json', 'skipped', '2026-05-20T10:00:06.000Z'],
  ])('converts a post-like result (%s) as succeeded', (name, resultStatus, finishedAt) => {
    const item = jobItem(name);
    expect(convertRevorJob(item)).toEqual({
      ref: 'revor:job_post_like',
      provider: 'revor',
      id: 'job_post_like',
      status: 'succeeded',
      rawStatus: 'succeeded',
      terminal: true,
      result: {
        taskAction: 'outreach.linkedin.post_like',
        channel: 'linkedin',
        accountId: null,
        resolvedAction: null,
        messageId: null,
        status: resultStatus,
      },
      failure: null,
      createdAt: null,
      updatedAt: null,
      scheduledAt: null,
      startedAt: new Date('2026-05-20T10:00:01.000Z'),
      finishedAt: new Date(finishedAt),
      nextAttemptAt: null,
      attempts: 1,
      raw: item,
    });
  });

  it('converts pending tasks with their timing fields', () => {
    const queued = jobItem('revor-jobs-queued.json');
    expect(convertRevorJob(queued)).toEqual(
      pending(queued, { status: 'queued', scheduledAt: new Date('2026-05-20T10:00:30.000Z'), attempts: 0 }),
    );
    const running = jobItem('revor-jobs-running.json');
    expect(convertRevorJob(running)).toEqual(
      pending(running, {
        status: 'running',
        scheduledAt: new Date('2026-05-20T10:00:30.000Z'),
        startedAt: new Date('2026-05-20T10:00:31.000Z'),
        attempts: 1,
      }),
    );
    const retry = jobItem('revor-jobs-scheduled-retry.json');
    expect(convertRevorJob(retry)).toEqual(
      pending(retry, {
        status: 'scheduled',
        scheduledAt: new Date('2026-05-20T10:00:00.000Z'),
        startedAt: new Date('2026-05-20T10:00:01.000Z'),
        nextAttemptAt: new Date('2026-05-20T10:05:00.000Z'),
        attempts: 1,
      }),
    );
    const settling = jobItem('revor-jobs-settling-v2.json');
    expect(convertRevorJob(settling)).toEqual(
      pending(settling, { status: 'running', startedAt: new Date('2026-05-20T10:00:01.000Z'), attempts: 1 }),
    );
  });

  it('keeps an unknown status word in rawStatus and does not finish the job', () => {
    const job = convertRevorJob({ id: 'job_1', status: 'paused_by_admin' });
    expect(job).toMatchObject({ status: 'unknown', rawStatus: 'paused_by_admin', terminal: false });
  });

  it('fills in what a failure leaves out', () => {
    const failed = (error: RevorJobItem['error']) =>
      convertRevorJob({ id: 'job_1', status: 'failed', error });
    expect(failed({ code: 'quota_exhausted' }).failure).toEqual({
      code: 'quota_exhausted',
      message: 'quota_exhausted',
      retryable: false,
    });
    expect(failed({ message: 'Mailbox full', retryable: true }).failure).toEqual({
      code: 'job_failed',
      message: 'Mailbox full',
      retryable: true,
    });
    expect(failed('boom').failure).toEqual({ code: 'boom', message: 'boom', retryable: false });
    expect(failed(null).failure).toMatchObject({ code: 'job_failed', retryable: false });
    expect(failed({}).failure).toMatchObject({ code: 'job_failed', retryable: false });
  });

  it('keeps the reason of a cancelled task and drops an error on a pending one', () => {
    const error = { code: 'cancelled_by_user', message: 'Cancelled in the dashboard', retryable: false };
    expect(convertRevorJob({ id: 'job_1', status: 'cancelled', error }).failure).toEqual(error);
    expect(convertRevorJob({ id: 'job_1', status: 'scheduled', error }).failure).toBeNull();
  });

  it('gives a succeeded task without a result a null result', () => {
    expect(convertRevorJob({ id: 'job_1', status: 'succeeded', result: null }).result).toBeNull();
  });

  it('drops timestamps it cannot read instead of failing', () => {
    const job = convertRevorJob({ id: 'job_1', status: 'running', started_at: 'yesterday-ish' });
    expect(job.startedAt).toBeNull();
  });
});

describe('convertRevorCreatedJob', () => {
  it('returns the first snapshot a create answers with', () => {
    const item = createdItem('revor-dispatches-created-v2.json');
    expect(convertRevorCreatedJob(item)).toEqual({
      ref: 'revor:job_uuid',
      provider: 'revor',
      id: 'job_uuid',
      status: 'queued',
      rawStatus: 'queued',
      terminal: false,
      result: null,
      failure: null,
      createdAt: null,
      updatedAt: null,
      scheduledAt: new Date('2026-05-20T10:00:00.000Z'),
      startedAt: null,
      finishedAt: null,
      nextAttemptAt: null,
      attempts: null,
      raw: item,
    });
  });

  it('synthesizes a queued snapshot when the answer carries only the id', () => {
    const item = createdItem('revor-dispatches-created-id-only.json');
    expect(convertRevorCreatedJob(item)).toEqual(
      pending({ id: 'job_uuid', status: 'queued' }, { status: 'queued', raw: { id: 'job_uuid' } }),
    );
  });

  it('returns the first snapshot of a post-like create', () => {
    const item = createdItem('revor-post-likes-created.json');
    expect(convertRevorCreatedJob(item)).toEqual(
      pending({ id: 'job_post_like', status: 'queued' }, { status: 'queued', raw: item }),
    );
  });

  it('returns an already finished task as such', () => {
    const job = convertRevorCreatedJob({ id: 'job_1', status: 'succeeded', result: { status: 'skipped' } });
    expect(job).toMatchObject({ status: 'succeeded', terminal: true, result: { status: 'skipped' } });
  });
});

describe('convertRevorAccount', () => {
  it('converts accounts to camelCase', () => {
    const { items } = revorAccountsEnvelopeSchema.parse(
      loadFixture(import.meta.url, '__fixtures__/revor-accounts-list.json'),
    );
    expect(items.map(convertRevorAccount)).toEqual([
      {
        accountId: 'connect_account_email',
        channel: 'email',
        name: 'Sales inbox',
        accountIdentifier: 'sales@example.com',
        status: 'ok',
        lifecycleStatus: 'active',
        canSend: true,
        canReceive: true,
      },
      {
        accountId: 'connect_account_linkedin',
        channel: 'linkedin',
        name: 'Ada Lovelace',
        accountIdentifier: 'https://www.linkedin.com/in/ada-lovelace',
        status: 'credentials',
        lifecycleStatus: 'reconnect_required',
        canSend: false,
        canReceive: false,
      },
    ]);
  });

  it('gives null for fields an account leaves out', () => {
    expect(convertRevorAccount({ account_id: 'acc_1', channel: 'whatsapp' })).toEqual({
      accountId: 'acc_1',
      channel: 'whatsapp',
      name: null,
      accountIdentifier: null,
      status: null,
      lifecycleStatus: null,
      canSend: null,
      canReceive: null,
    });
  });
});
