import { loadFixture } from '@asyncjob/core/test';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { outxCreateTaskResponseSchema, outxTaskStatusResponseSchema } from './outx-api';
import { createOutx } from './outx-client';

const ORIGIN = 'https://api.outx.ai';
const STATUS_PATH = '/linkedin-agent/get-task-status';
const TASK_ID = '550e8400-e29b-41d4-a716-446655440000';
const completed = loadFixture<{ success: boolean; data: Record<string, unknown> }>(
  import.meta.url,
  '__fixtures__/outx-get-task-status-completed.json',
);

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('wire schemas', () => {
  it('accept every fixture', () => {
    for (const name of [
      'completed',
      'pending',
      'send-message-completed',
      'send-message-failed',
      'connection-request-completed',
    ]) {
      const body = loadFixture(import.meta.url, `__fixtures__/outx-get-task-status-${name}.json`);
      expect(outxTaskStatusResponseSchema.safeParse(body).success).toBe(true);
    }
    const created = loadFixture(import.meta.url, '__fixtures__/outx-fetch-profile-created.json');
    expect(outxCreateTaskResponseSchema.safeParse(created).success).toBe(true);
  });

  it('keep extra fields, so they reach raw', () => {
    const parsed = outxTaskStatusResponseSchema.parse({
      ...completed,
      meta: { region: 'eu' },
      data: { ...completed.data, created_at: '2026-01-01T00:00:00Z' },
    });
    expect(parsed).toMatchObject({ meta: { region: 'eu' }, data: { created_at: '2026-01-01T00:00:00Z' } });
  });
});

describe('drift through the client', () => {
  const client = createOutx({ apiKey: 'outx_test_key_1234', createRetry: { limit: 0 } });
  const replyOnce = (status: number, body: unknown, headers: Record<string, string> = {}) =>
    nock(ORIGIN)
      .get(STATUS_PATH)
      .query(true)
      .reply(status, body as nock.Body, headers);

  it('ignores extra fields at every level', async () => {
    const scope = replyOnce(200, {
      ...completed,
      request_id: 'r1',
      data: {
        ...completed.data,
        priority: 3,
        task_input: { task_type: 'agent_profile_fetch', source: 'api' },
      },
    });
    expect((await client.get(TASK_ID))._unsafeUnwrap()).toMatchObject({ status: 'succeeded', id: TASK_ID });
    scope.done();
  });

  it('accepts a task without task_input or task_output while pending', async () => {
    const scope = replyOnce(200, { data: { id: TASK_ID, status: 'pending' } });
    expect((await client.get(TASK_ID))._unsafeUnwrap()).toMatchObject({
      status: 'queued',
      rawStatus: 'pending',
    });
    scope.done();
  });

  it('keeps an unknown status word as unknown', async () => {
    const scope = replyOnce(200, { ...completed, data: { ...completed.data, status: 'expired' } });
    expect((await client.get(TASK_ID))._unsafeUnwrap()).toMatchObject({
      status: 'unknown',
      rawStatus: 'expired',
      terminal: false,
    });
    scope.done();
  });

  it.each([
    ['data.id', { ...completed, data: { ...completed.data, id: undefined } }],
    ['data.status', { ...completed, data: { ...completed.data, status: undefined } }],
    ['data', { success: true }],
  ])('answers invalid_response when %s is missing', async (path, body) => {
    const scope = replyOnce(200, body);
    const error = (await client.get(TASK_ID))._unsafeUnwrapErr();
    expect(error).toMatchObject({ kind: 'invalid_response', retryable: false, httpStatus: 200 });
    expect(error.issues?.[0]?.path).toBe(path);
    scope.done();
  });

  it('reads an HTML 502 from a proxy as a retryable server_error', async () => {
    const scope = replyOnce(502, '<html><body><h1>502 Bad Gateway</h1></body></html>', {
      'content-type': 'text/html',
    });
    expect((await client.get(TASK_ID))._unsafeUnwrapErr()).toEqual({
      kind: 'server_error',
      provider: 'outx',
      message: 'outx answered HTTP 502.',
      retryable: true,
      httpStatus: 502,
    });
    scope.done();
  });

  it.each([
    ['a truncated body', '{"success":true,"data":{"id":"550e'],
    ['an HTML page', '<html>maintenance</html>'],
  ])('reads a 200 with %s as a retryable invalid_response', async (_case, body) => {
    const scope = replyOnce(200, body);
    expect((await client.get(TASK_ID))._unsafeUnwrapErr()).toMatchObject({
      kind: 'invalid_response',
      retryable: true,
      httpStatus: 200,
    });
    scope.done();
  });

  it('refuses a create answer without a task id', async () => {
    const scope = nock(ORIGIN)
      .post('/linkedin-agent/fetch-profile')
      .reply(200, { success: true, message: 'Profile fetch task created successfully' });
    const error = (await client.fetchProfile({ profileSlug: 'williamhgates' }))._unsafeUnwrapErr();
    expect(error).toMatchObject({ kind: 'invalid_response', retryable: false });
    expect(error.issues?.[0]?.path).toBe('api_agent_task_id');
    scope.done();
  });
});
