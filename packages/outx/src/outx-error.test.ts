import { asyncJobError } from '@asyncjob/core';
import { loadFixture } from '@asyncjob/core/test';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createOutx } from './outx-client';
import { outxCodeForMessage, readOutxError, withOutxErrorCode } from './outx-error';

const API_KEY = 'outx_test_KEY_4f9a2c7e81d3';
const ORIGIN = 'https://api.outx.ai';
const TASK_ID = '550e8400-e29b-41d4-a716-446655440000';
const EXTENSION_MESSAGE =
  'Plugin installation required. Install and activate the OutX Chrome extension: at least one team member must ' +
  'have had it active in the last 48 hours (https://docs.outx.ai/linkedin-api/authentication).';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('readOutxError', () => {
  it('reads the documented flat bodies', () => {
    expect(
      readOutxError(loadFixture(import.meta.url, '__fixtures__/outx-get-task-status-error-401.json')),
    ).toEqual({
      code: 'unauthorized',
      message: 'Unauthorized',
    });
    expect(
      readOutxError(loadFixture(import.meta.url, '__fixtures__/outx-fetch-profile-error-429.json')),
    ).toEqual({
      code: 'rate_limit_exceeded',
      message: 'Rate limit exceeded. Please try again later.',
    });
  });

  it('tells the user to activate the Chrome extension on the 403', () => {
    expect(readOutxError({ error: 'Plugin installation required...' })).toEqual({
      code: 'extension_inactive',
      message: EXTENSION_MESSAGE,
    });
  });

  it.each([
    [
      { error: { code: 'team_suspended', message: 'Team suspended' } },
      { code: 'team_suspended', message: 'Team suspended' },
    ],
    [
      { error: { message: 'Agent task not found' } },
      { code: 'task_not_found', message: 'Agent task not found' },
    ],
    [{ message: 'Invalid API Key' }, { code: 'invalid_api_key', message: 'Invalid API Key' }],
    [
      { error: 'Something new', code: 'E42' },
      { code: 'E42', message: 'Something new' },
    ],
    ['Method Not Allowed', { code: 'method_not_allowed', message: 'Method Not Allowed' }],
    [{ error: 'Brand new text' }, { message: 'Brand new text' }],
    [{ error: { code: 'only_code' } }, { code: 'only_code' }],
    [undefined, {}],
    [null, {}],
    [{}, {}],
    [{ error: '  ' }, {}],
    [[{ error: 'in a list' }], {}],
    [42, {}],
  ])('reads %j as %j', (body, expected) => {
    expect(readOutxError(body)).toEqual(expected);
  });

  it('caps a very long message', () => {
    expect(readOutxError({ error: 'x'.repeat(5_000) }).message).toHaveLength(500);
  });
});

describe('outxCodeForMessage', () => {
  it('lets "Invalid API Key" win over the "Invalid \'…\'" input prefix', () => {
    expect(outxCodeForMessage('Invalid API Key')).toBe('invalid_api_key');
    expect(outxCodeForMessage("Invalid 'note': must be a string")).toBe('invalid_input');
  });
});

describe('withOutxErrorCode', () => {
  it.each([
    [400, 'invalid_input'],
    [401, 'unauthorized'],
    [403, 'forbidden'],
    [404, 'not_found'],
    [405, 'method_not_allowed'],
    [429, 'rate_limit_exceeded'],
    [502, undefined],
  ])('gives a bare HTTP %i the code %s', (httpStatus, code) => {
    const error = withOutxErrorCode(asyncJobError('server_error', 'x', { provider: 'outx', httpStatus }));
    expect(error.code).toBe(code);
  });

  it('keeps a code read from the body', () => {
    const error = asyncJobError('not_found', 'x', {
      provider: 'outx',
      httpStatus: 404,
      code: 'no_admin_user',
    });
    expect(withOutxErrorCode(error).code).toBe('no_admin_user');
  });
});

describe('documented errors through the client', () => {
  const client = createOutx({ apiKey: API_KEY, createRetry: { limit: 0 } });

  // Every message on the OutX pages (get-task-status, fetch-profile, send-connection-request, send-message,
  // like-post, authentication, rate-limits), with the kind the contract gives its status.
  it.each([
    [400, "Missing or invalid 'api_agent_task_id'", 'invalid_request', 'invalid_input'],
    [400, "Missing or invalid 'profile_slug'", 'invalid_request', 'invalid_input'],
    [400, "Missing or invalid 'profile_urn'", 'invalid_request', 'invalid_input'],
    [400, "Invalid 'note': must be a string", 'invalid_request', 'invalid_input'],
    [400, "Invalid 'note': must be 300 characters or fewer", 'invalid_request', 'invalid_input'],
    [400, "Missing or invalid 'recipient_urn'", 'invalid_request', 'invalid_input'],
    [400, "Missing or invalid 'message'", 'invalid_request', 'invalid_input'],
    [400, 'Message text is too long (max 10000 characters)', 'invalid_request', 'invalid_input'],
    [400, "Missing or invalid 'social_urn'", 'invalid_request', 'invalid_input'],
    [401, 'Missing API Key', 'unauthorized', 'missing_api_key'],
    [401, 'Invalid API Key', 'unauthorized', 'invalid_api_key'],
    [401, 'Unauthorized', 'unauthorized', 'unauthorized'],
    [403, 'Plugin installation required...', 'forbidden', 'extension_inactive'],
    [404, 'Agent task not found', 'not_found', 'task_not_found'],
    [404, 'No admin user found in the team', 'not_found', 'no_admin_user'],
    [405, 'Method Not Allowed', 'invalid_request', 'method_not_allowed'],
    [429, 'Rate limit exceeded. Please try again later.', 'rate_limited', 'rate_limit_exceeded'],
    [429, 'LinkedIn invitation limit reached', 'rate_limited', 'invitation_limit'],
  ])('HTTP %i "%s" → %s (%s)', async (httpStatus, message, kind, code) => {
    const scope = nock(ORIGIN)
      .get('/linkedin-agent/get-task-status')
      .query(true)
      .reply(httpStatus, { error: message });
    const error = (await client.get(TASK_ID))._unsafeUnwrapErr();
    expect(error).toMatchObject({ kind, code, httpStatus, provider: 'outx' });
    expect(error.retryable).toBe(kind === 'rate_limited');
    scope.done();
  });

  it('says how to fix the inactive extension', async () => {
    const scope = nock(ORIGIN)
      .post('/linkedin-agent/fetch-profile')
      .reply(403, { error: 'Plugin installation required...' });
    const error = (await client.fetchProfile({ profileSlug: 'williamhgates' }))._unsafeUnwrapErr();
    expect(error).toEqual({
      kind: 'forbidden',
      provider: 'outx',
      message: `outx answered HTTP 403 (extension_inactive: ${EXTENSION_MESSAGE}).`,
      retryable: false,
      httpStatus: 403,
      code: 'extension_inactive',
    });
    scope.done();
  });

  it('keeps the wait time a 429 asks for', async () => {
    const scope = nock(ORIGIN)
      .get('/linkedin-agent/get-task-status')
      .query(true)
      .reply(429, { error: 'Rate limit exceeded. Please try again later.' }, { 'retry-after': '30' });
    expect((await client.get(TASK_ID))._unsafeUnwrapErr()).toMatchObject({
      kind: 'rate_limited',
      retryAfterMs: 30_000,
    });
    scope.done();
  });

  it('gives a 405 with an empty body the status code', async () => {
    const scope = nock(ORIGIN).post('/linkedin-agent/like-post').reply(405, '');
    const error = (await client.likePost({ socialUrn: 'urn:li:activity:1' }))._unsafeUnwrapErr();
    expect(error).toMatchObject({ kind: 'invalid_request', code: 'method_not_allowed', httpStatus: 405 });
    scope.done();
  });
});

describe('the API key never leaks', () => {
  it('appears in no error, whatever went wrong', async () => {
    const client = createOutx({ apiKey: API_KEY, createRetry: { limit: 0 } });
    const path = '/linkedin-agent/get-task-status';
    const scope = nock(ORIGIN)
      .get(path)
      .query(true)
      .reply(401, { error: `Invalid API Key: ${API_KEY}` })
      .get(path)
      .query(true)
      .reply(400, { error: { code: API_KEY, message: `bad key ${API_KEY}` } })
      .get(path)
      .query(true)
      .reply(502, `<html><body>Bad gateway for ${API_KEY}</body></html>`)
      .get(path)
      .query(true)
      .reply(200, `not json ${API_KEY}`)
      .get(path)
      .query(true)
      .reply(200, { data: { id: 1, status: API_KEY } })
      .get(path)
      .query(true)
      .replyWithError(`socket hang up (key ${API_KEY})`)
      .post('/linkedin-agent/fetch-profile')
      .reply(403, { error: 'Plugin installation required...' });
    const errors = [];
    for (let index = 0; index < 6; index += 1) errors.push((await client.get(TASK_ID))._unsafeUnwrapErr());
    errors.push((await client.fetchProfile({ profileSlug: 'x' }))._unsafeUnwrapErr());
    const offline = createOutx({ apiKey: API_KEY, baseUrl: `http://example.com/${API_KEY}` });
    errors.push((await offline.get(TASK_ID))._unsafeUnwrapErr());
    expect(errors.map((error) => error.kind)).toEqual([
      'unauthorized',
      'invalid_request',
      'server_error',
      'invalid_response',
      'invalid_response',
      'network',
      'forbidden',
      'config',
    ]);
    for (const error of errors) expect(JSON.stringify(error)).not.toContain(API_KEY);
    scope.done();
  });
});
