import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createOration } from './oration-client';
import { readOrationError } from './oration-error';

const ORIGIN = 'https://www.oration.ai';
const KEY = 'orn_live_FAKEKEY_must_never_leak_4242';
const TOKEN = 'orn_token_FAKETOKEN_9090';
const JOB_ID = '5135bfe3-b2c7-41f3-a44f-f4b58e7384df';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

function oration() {
  return createOration({ apiKey: KEY, token: TOKEN, workspaceSlug: 'acme', createRetry: { limit: 0 } });
}

describe('readOrationError', () => {
  it.each([
    ['a flat error string', { error: 'Job not found' }, { message: 'Job not found' }],
    ['a flat message', { message: 'Invalid API key' }, { message: 'Invalid API key' }],
    [
      'a code and a message',
      { code: 'unauthorized', message: 'Bad key' },
      { code: 'unauthorized', message: 'Bad key' },
    ],
    [
      'a nested error object',
      { error: { code: 'workspace_not_found', message: 'No such workspace', requestId: 'req_1' } },
      { code: 'workspace_not_found', message: 'No such workspace', requestId: 'req_1' },
    ],
    [
      'an error word beside a message',
      { error: 'not_found', message: 'Job not found' },
      { code: 'not_found', message: 'Job not found' },
    ],
    [
      'an error sentence beside a message',
      { error: 'Not Found', message: 'Job not found' },
      { message: 'Job not found' },
    ],
    ['a numeric code', { code: 429, message: 'Slow down' }, { code: '429', message: 'Slow down' }],
    ['a request id', { message: 'Boom', requestId: 'req_42' }, { message: 'Boom', requestId: 'req_42' }],
    [
      'per-item errors',
      { results: [], errors: [{ error: 'toPhoneNumber is invalid' }] },
      { message: 'toPhoneNumber is invalid' },
    ],
    ['a JSON string', 'Unauthorized', { message: 'Unauthorized' }],
    ['fields of unexpected types', { code: { nested: true }, message: ['a'], error: 42 }, {}],
    ['an empty object', {}, {}],
    ['empty strings', { code: '', message: '   ' }, {}],
    ['a body that was not JSON (HTML, empty)', undefined, {}],
    ['null', null, {}],
    ['an array', [1, 2], {}],
    ['a number', 500, {}],
  ])('reads %s', (_name, body, expected) => {
    expect(readOrationError(body)).toEqual(expected);
  });

  it('clips a very long message', () => {
    const message = readOrationError({ message: 'x'.repeat(2_000) }).message ?? '';
    expect(message.length).toBe(501);
    expect(message.endsWith('…')).toBe(true);
  });
});

describe('HTTP errors from Oration', () => {
  // Oration documents no error statuses or bodies: the kind comes from the status (SPEC), the detail from any shape.
  it.each([
    [400, { error: 'customers is required' }, 'invalid_request', false, undefined],
    [401, { message: 'Invalid API key' }, 'unauthorized', false, undefined],
    [
      403,
      { error: { code: 'forbidden', message: 'Workspace access denied' } },
      'forbidden',
      false,
      'forbidden',
    ],
    [404, { code: 'not_found', message: 'Job not found' }, 'not_found', false, 'not_found'],
    [409, { error: 'conflict', message: 'Batch already running' }, 'conflict', false, 'conflict'],
    [422, { errors: [{ error: 'phoneNumber must be E.164' }] }, 'invalid_request', false, undefined],
    [429, { message: 'Too many requests' }, 'rate_limited', true, undefined],
    [500, {}, 'server_error', true, undefined],
    [502, '<html><body><h1>502 Bad Gateway</h1></body></html>', 'server_error', true, undefined],
    [503, '', 'server_error', true, undefined],
  ])('maps HTTP %i to its kind', async (status, body, kind, retryable, code) => {
    const scope = nock(ORIGIN)
      .get(`/api/v2/jobs/${JOB_ID}`)
      .reply(status, typeof body === 'string' ? body : JSON.stringify(body), {
        'content-type': typeof body === 'string' ? 'text/html' : 'application/json',
        'x-request-id': `req_${status}`,
        ...(status === 429 ? { 'retry-after': '7' } : {}),
      });
    const error = (await oration().get(JOB_ID))._unsafeUnwrapErr();
    expect(error).toMatchObject({
      kind,
      retryable,
      provider: 'oration',
      httpStatus: status,
      requestId: `req_${status}`,
    });
    expect(error.code).toBe(code);
    if (status === 429) expect(error.retryAfterMs).toBe(7_000);
    scope.done();
  });

  it('keeps the message of the body in the error', async () => {
    const scope = nock(ORIGIN)
      .get(`/api/v2/jobs/${JOB_ID}`)
      .reply(404, { code: 'not_found', message: 'Job not found' });
    expect((await oration().get(JOB_ID))._unsafeUnwrapErr().message).toBe(
      'oration answered HTTP 404 (not_found: Job not found).',
    );
    scope.done();
  });

  it('never lets the key or the token into an error, even when the vendor echoes them', async () => {
    const echo = { error: { code: `bad_key_${KEY}`, message: `Key ${KEY} with token ${TOKEN} is invalid` } };
    const scope = nock(ORIGIN)
      .get(`/api/v2/jobs/${JOB_ID}`)
      .reply(401, echo)
      .post('/api/v2/customers/batch')
      .replyWithError(`socket hang up while sending x-api-key: ${KEY}`);
    const errors = [
      (await oration().get(JOB_ID))._unsafeUnwrapErr(),
      (await oration().createCustomerBatch({ customers: [{ identifier: 'a' }] }))._unsafeUnwrapErr(),
      (
        await createOration({ apiKey: KEY, workspaceSlug: 'acme', baseUrl: 'ftp://x' }).get(JOB_ID)
      )._unsafeUnwrapErr(),
    ];
    expect(errors.map((error) => error.kind)).toEqual(['unauthorized', 'network', 'config']);
    for (const error of errors) {
      const text = JSON.stringify(error);
      expect(text).not.toContain(KEY);
      expect(text).not.toContain(TOKEN);
    }
    scope.done();
  });
});
