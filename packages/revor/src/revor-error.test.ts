import type { AsyncJobError } from '@asyncjob/core';
import { loadFixture } from '@asyncjob/core/test';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRevor } from './revor-client';
import { readRevorError } from './revor-error';

const ORIGIN = 'https://revor.ai';
const JOB_PATH = '/api/v1/outreach/jobs/job_uuid';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('readRevorError', () => {
  it('reads the documented nested envelope', () => {
    const body = loadFixture(import.meta.url, '__fixtures__/revor-error-api-key-invalid.json');
    expect(readRevorError(body)).toEqual({
      code: 'api_key_invalid',
      message: 'api_key_invalid',
      requestId: 'req_xxx',
    });
  });

  it('falls back to a top-level request_id', () => {
    expect(readRevorError({ ok: false, error: { code: 'task_not_found' }, request_id: 'req_top' })).toEqual({
      code: 'task_not_found',
      requestId: 'req_top',
    });
  });

  it('reads a flat body', () => {
    expect(
      readRevorError({ code: 'permission_denied', message: 'No access to this task.', request_id: 'req_1' }),
    ).toEqual({ code: 'permission_denied', message: 'No access to this task.', requestId: 'req_1' });
  });

  it('reads `error` given as a bare string', () => {
    expect(readRevorError({ error: 'api_rate_limit_exceeded', message: 'Slow down' })).toEqual({
      code: 'api_rate_limit_exceeded',
      message: 'Slow down',
    });
  });

  it('ignores fields of the wrong type instead of failing', () => {
    expect(readRevorError({ ok: false, error: { code: 42, message: ['x'], request_id: 'req_2' } })).toEqual({
      requestId: 'req_2',
    });
  });

  it.each([
    ['no body (HTML or empty: not JSON)', undefined],
    ['null', null],
    ['a string', '<html><body>502 Bad Gateway</body></html>'],
    ['an array', [{ code: 'x' }]],
    ['an empty object', {}],
    ['blank fields', { error: { code: '  ', message: '' } }],
  ])('gives nothing for %s', (_name, body) => {
    expect(readRevorError(body)).toEqual({});
  });
});

describe('documented request errors', () => {
  // Every code Revor documents (overview, accounts, jobs, skill package), with the kind it must become.
  it.each([
    [400, 'invalid_request', 'invalid_request', false],
    [400, 'invalid_channel', 'invalid_request', false],
    [400, 'invalid_can_send', 'invalid_request', false],
    [401, 'api_key_missing', 'unauthorized', false],
    [401, 'api_key_invalid', 'unauthorized', false],
    [401, 'api_key_expired', 'unauthorized', false],
    [401, 'api_key_revoked', 'unauthorized', false],
    [403, 'permission_denied', 'forbidden', false],
    [404, 'task_not_found', 'not_found', false],
    [404, 'external_api_job_not_found', 'not_found', false],
    [404, 'account_not_found', 'not_found', false],
    [409, 'idempotency_conflict', 'conflict', false],
    // The skill package names 409s without codes (account/channel mismatch, reconnect needed): final.
    [409, 'connect_account_reconnect_required', 'conflict', false],
    [429, 'api_rate_limit_exceeded', 'rate_limited', true],
    [503, 'task_unavailable', 'server_error', true],
  ] as const)('HTTP %i %s is %s (retryable: %s)', async (httpStatus, code, kind, retryable) => {
    const scope = nock(ORIGIN)
      .get(JOB_PATH)
      .reply(httpStatus, { ok: false, error: { code, message: code, request_id: `req_${code}` } });
    const result = await createRevor({ apiKey: 'sk-revor-TEST-table' }).get('job_uuid');
    expect(result._unsafeUnwrapErr()).toEqual({
      kind,
      provider: 'revor',
      // The documented message repeats the code; the classifier does not print it twice.
      message: `revor answered HTTP ${httpStatus} (${code}).`,
      retryable,
      httpStatus,
      code,
      requestId: `req_${code}`,
    });
    scope.done();
  });

  it('keeps a message that says more than the code', async () => {
    const scope = nock(ORIGIN)
      .get(JOB_PATH)
      .reply(403, { ok: false, error: { code: 'permission_denied', message: 'Key lacks outreach:read' } });
    const error = (await createRevor({ apiKey: 'sk-revor-TEST-table' }).get('job_uuid'))._unsafeUnwrapErr();
    expect(error.message).toBe('revor answered HTTP 403 (permission_denied: Key lacks outreach:read).');
    scope.done();
  });
});

describe('the API key', () => {
  const KEY = 'sk-revor-SECRET-fake-key-7c1d9e';

  it('appears in no error, whatever the vendor echoes back', async () => {
    const scope = nock(ORIGIN)
      .get(JOB_PATH)
      .reply(401, {
        ok: false,
        error: { code: `bad_key_${KEY}`, message: `Key ${KEY} is revoked`, request_id: 'r1' },
      })
      .get(JOB_PATH)
      .reply(500, `<html>Authorization: Bearer ${KEY}</html>`)
      .get(JOB_PATH)
      .replyWithError(`connect failed for Bearer ${KEY}`)
      .get(JOB_PATH)
      .reply(200, { ok: true, item: { id: 'job_uuid', status: 7, note: KEY } })
      .post('/api/v1/outreach/dispatches')
      .reply(409, { ok: false, error: { code: 'idempotency_conflict', message: `conflict for ${KEY}` } });
    const client = createRevor({ apiKey: KEY, createRetry: { limit: 0 } });
    const errors: AsyncJobError[] = [];
    for (let index = 0; index < 4; index += 1) errors.push((await client.get('job_uuid'))._unsafeUnwrapErr());
    const dispatch = await client.dispatch(
      { channel: 'whatsapp', accountId: 'acc', recipient: { phone: '+1555' }, content: { text: KEY } },
      { idempotencyKey: 'k-1' },
    );
    errors.push(dispatch._unsafeUnwrapErr());
    errors.push((await client.dispatch({ channel: 'whatsapp', accountId: KEY } as never))._unsafeUnwrapErr());
    errors.push((await createRevor({ apiKey: `${KEY} x` }).get('x'))._unsafeUnwrapErr());
    errors.push((await createRevor({ apiKey: `${KEY}\u00e9` }).get('x'))._unsafeUnwrapErr());
    errors.push(
      (await createRevor({ apiKey: KEY, baseUrl: `http://${KEY}.example.com` }).get('x'))._unsafeUnwrapErr(),
    );
    expect(errors.map((error) => error.kind)).toEqual([
      'unauthorized',
      'server_error',
      'network',
      'invalid_response',
      'conflict',
      'invalid_request',
      'config',
      'config',
      'config',
    ]);
    for (const error of errors) expect(JSON.stringify(error)).not.toContain(KEY);
    scope.done();
  });
});
