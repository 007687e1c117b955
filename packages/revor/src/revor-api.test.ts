import { loadFixture } from '@asyncjob/core/test';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  readRevorRequestId,
  revorAccountsEnvelopeSchema,
  revorCreatedEnvelopeSchema,
  revorJobEnvelopeSchema,
  revorPaths,
} from './revor-api';
import { createRevor } from './revor-client';

const fixture = (name: string) =>
  loadFixture<Record<string, unknown>>(import.meta.url, `__fixtures__/${name}`);
const ORIGIN = 'https://revor.ai';
const revor = () => createRevor({ apiKey: 'sk-revor-TEST-api-0000', createRetry: { limit: 0 } });

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('revorJobEnvelopeSchema', () => {
  it.each([
    'revor-jobs-succeeded.json',
    'revor-jobs-failed.json',
    'revor-jobs-succeeded-v2.json',
    'revor-jobs-queued.json',
    'revor-jobs-running.json',
    'revor-jobs-scheduled-retry.json',
    'revor-jobs-settling-v2.json',
    'revor-jobs-post-like-liked.json',
    'revor-jobs-post-like-skipped.json',
  ])('accepts %s', (name) => {
    expect(revorJobEnvelopeSchema.safeParse(fixture(name)).success).toBe(true);
  });

  it('keeps fields it does not declare', () => {
    const body = fixture('revor-jobs-succeeded.json');
    const item = { ...(body.item as object), priority: 'high', result: { status: 'accepted', extra: [1] } };
    const parsed = revorJobEnvelopeSchema.parse({ ...body, item, served_by: 'edge-1' });
    expect(parsed.item).toMatchObject({ priority: 'high', result: { extra: [1] } });
  });

  it('accepts a failure given as a bare string', () => {
    const parsed = revorJobEnvelopeSchema.parse({ item: { id: 'job_1', status: 'failed', error: 'boom' } });
    expect(parsed.item.error).toBe('boom');
  });

  it('rejects the overview example whose item has neither id nor status', () => {
    const result = revorJobEnvelopeSchema.safeParse(fixture('revor-jobs-envelope-empty-item.json'));
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['item.id', 'item.status']);
  });

  it('rejects a status that is not a string and a missing item', () => {
    expect(revorJobEnvelopeSchema.safeParse({ item: { id: 'job_1', status: 3 } }).success).toBe(false);
    expect(revorJobEnvelopeSchema.safeParse({ ok: true, request_id: 'req_1' }).success).toBe(false);
  });
});

describe('revorCreatedEnvelopeSchema', () => {
  it.each([
    'revor-dispatches-created-v2.json',
    'revor-dispatches-created-id-only.json',
    'revor-post-likes-created.json',
  ])('accepts %s', (name) => {
    expect(revorCreatedEnvelopeSchema.safeParse(fixture(name)).success).toBe(true);
  });

  it('needs an id', () => {
    expect(revorCreatedEnvelopeSchema.safeParse({ item: { status: 'queued' } }).success).toBe(false);
  });
});

describe('revorAccountsEnvelopeSchema', () => {
  it('accepts the account list and needs account_id', () => {
    expect(revorAccountsEnvelopeSchema.safeParse(fixture('revor-accounts-list.json')).success).toBe(true);
    expect(revorAccountsEnvelopeSchema.safeParse({ items: [{ channel: 'email' }] }).success).toBe(false);
  });
});

describe('readRevorRequestId', () => {
  it('reads request_id from a success or error envelope and nothing from other bodies', () => {
    expect(readRevorRequestId(fixture('revor-jobs-succeeded.json'))).toBe('req_xxx');
    expect(readRevorRequestId(fixture('revor-error-api-key-invalid.json'))).toBe('req_xxx');
    expect(readRevorRequestId({ request_id: 7, error: 'x' })).toBeUndefined();
    expect(readRevorRequestId(undefined)).toBeUndefined();
  });
});

describe('revorPaths', () => {
  it('keeps one path table per API version', () => {
    expect(revorPaths.v1.job('job_1')).toBe('outreach/jobs/job_1');
    expect(revorPaths.v2.job('job_1')).toBe('jobs/job_1');
    expect(revorPaths.v1.dispatches).toBe('outreach/dispatches');
    expect(revorPaths.v2.postLikes).toBe('outreach/linkedin/post-likes');
  });
});

describe('get with a drifting vendor', () => {
  const succeeded = fixture('revor-jobs-succeeded.json') as { item: Record<string, unknown> };
  const answer = (status: number, body: string | object, headers: Record<string, string> = {}) =>
    nock(ORIGIN).get('/api/v1/outreach/jobs/job_uuid').reply(status, body, headers);

  it('ignores extra fields and tolerates missing optional ones', async () => {
    const { started_at: _s, finished_at: _f, attempt_count: _a, error: _e, ...trimmed } = succeeded.item;
    const scope = answer(200, {
      ok: true,
      request_id: 'r',
      meta: { v: 2 },
      item: { ...trimmed, priority: 9 },
    });
    const job = (await revor().get('job_uuid'))._unsafeUnwrap();
    expect(job).toMatchObject({ status: 'succeeded', startedAt: null, finishedAt: null, attempts: null });
    expect(job.raw).toMatchObject({ priority: 9 });
    scope.done();
  });

  it('keeps an unknown status word and stays non-terminal', async () => {
    const scope = answer(200, { ok: true, item: { id: 'job_uuid', status: 'throttled' } });
    expect((await revor().get('job_uuid'))._unsafeUnwrap()).toMatchObject({
      status: 'unknown',
      rawStatus: 'throttled',
      terminal: false,
    });
    scope.done();
  });

  it('reports a missing required field as a non-retryable invalid_response with the issues', async () => {
    const scope = answer(200, fixture('revor-jobs-envelope-empty-item.json'));
    expect((await revor().get('job_uuid'))._unsafeUnwrapErr()).toMatchObject({
      kind: 'invalid_response',
      retryable: false,
      httpStatus: 200,
      requestId: 'req_xxx',
      issues: [
        { path: 'item.id', message: expect.any(String) },
        { path: 'item.status', message: expect.any(String) },
      ],
    });
    scope.done();
  });

  it('reports a proxy HTML page on 502 as a retryable server_error', async () => {
    const scope = answer(502, '<html><body><h1>502 Bad Gateway</h1></body></html>', {
      'content-type': 'text/html',
    });
    expect((await revor().get('job_uuid'))._unsafeUnwrapErr()).toMatchObject({
      kind: 'server_error',
      httpStatus: 502,
      retryable: true,
    });
    scope.done();
  });

  it.each([
    ['a truncated body', '{"ok":true,"item":{"id":"job_'],
    ['an HTML page', '<html>maintenance</html>'],
    ['an empty body', ''],
  ])('reports %s on 200 as a retryable invalid_response', async (_name, text) => {
    const scope = answer(200, text, { 'content-type': 'application/json' });
    expect((await revor().get('job_uuid'))._unsafeUnwrapErr()).toMatchObject({
      kind: 'invalid_response',
      retryable: true,
    });
    scope.done();
  });
});
