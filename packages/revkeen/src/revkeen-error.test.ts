import { loadFixture } from '@asyncjob/core/test';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRevkeen } from './revkeen-client';
import { createRevkeenErrorReader, readRevkeenError } from './revkeen-error';

const BASE = 'https://api.revkeen.com/v2';
const KEY = 'rk_live_FAKE-KEY-errors-91c4';

beforeAll(() => {
  nock.disableNetConnect();
});
afterEach(() => {
  nock.cleanAll();
});

describe('readRevkeenError', () => {
  it('reads the documented envelope, naming the bad parameter in the message', () => {
    const body = loadFixture(import.meta.url, '__fixtures__/revkeen-error-400-validation.json');
    expect(readRevkeenError(body)).toEqual({
      code: 'validation_error',
      message: '… (param: customer.email)',
    });
  });

  it('keeps a message that already names the parameter as it is', () => {
    const body = {
      error: { code: 'validation_error', message: 'customer.email is invalid', param: 'customer.email' },
    };
    expect(readRevkeenError(body)).toEqual({
      code: 'validation_error',
      message: 'customer.email is invalid',
    });
  });

  it('reads the request id of the SDK error schemas', () => {
    const body = {
      error: {
        type: 'invalid_request_error',
        code: 'resource_missing',
        message: 'No such run',
        request_id: 'req_1',
      },
    };
    expect(readRevkeenError(body)).toEqual({
      code: 'resource_missing',
      message: 'No such run',
      requestId: 'req_1',
    });
  });

  it('falls back on the type when there is no code', () => {
    expect(readRevkeenError({ error: { type: 'authentication_error', message: 'Bad key' } })).toEqual({
      code: 'authentication_error',
      message: 'Bad key',
    });
  });

  it('reads the flat { error: "string" } variant', () => {
    const body = loadFixture(import.meta.url, '__fixtures__/revkeen-error-flat.json');
    expect(readRevkeenError(body)).toEqual({ message: 'string' });
  });

  it('reads a top-level message and code', () => {
    const body = loadFixture(import.meta.url, '__fixtures__/revkeen-error-message.json');
    expect(readRevkeenError(body)).toEqual({ message: 'string' });
    expect(readRevkeenError({ code: 'forbidden', message: 'No', request_id: 'req_2' })).toEqual({
      code: 'forbidden',
      message: 'No',
      requestId: 'req_2',
    });
  });

  it('drops fields of the wrong type and keeps the rest', () => {
    expect(readRevkeenError({ error: { code: 42, message: 'Oops' } })).toEqual({ message: 'Oops' });
  });

  it('shortens a very long message', () => {
    const message = readRevkeenError({ message: 'x'.repeat(5000) }).message ?? '';
    expect(message.length).toBeLessThanOrEqual(301);
  });

  it.each([undefined, null, '', 'Bad Gateway', 42, [], { error: null }, { unrelated: true }])(
    'reads nothing from %j',
    (body) => {
      expect(readRevkeenError(body)).toEqual({});
    },
  );
});

describe('createRevkeenErrorReader', () => {
  it('takes the secrets out of every field, the request id included', () => {
    const read = createRevkeenErrorReader([KEY]);
    expect(read({ error: { code: `c_${KEY}`, message: `bad ${KEY}`, request_id: KEY } })).toEqual({
      code: 'c_[redacted]',
      message: 'bad [redacted]',
      requestId: '[redacted]',
    });
  });
});

const envelope = (type: string, code: string, message: string) => ({ error: { type, code, message } });

describe('documented errors → kinds (through the client)', () => {
  it.each([
    [
      400,
      loadFixture(import.meta.url, '__fixtures__/revkeen-error-400-validation.json'),
      {},
      'invalid_request',
      false,
      'validation_error',
    ],
    [
      401,
      envelope('authentication_error', 'authentication_failed', 'Authentication failed'),
      {},
      'unauthorized',
      false,
      'authentication_failed',
    ],
    [
      401,
      envelope('authentication_error', 'invalid_api_key', 'Invalid API key'),
      {},
      'unauthorized',
      false,
      'invalid_api_key',
    ],
    [
      401,
      envelope('authentication_error', 'expired_api_key', 'API key expired'),
      {},
      'unauthorized',
      false,
      'expired_api_key',
    ],
    [
      403,
      envelope('permission_error', 'insufficient_permissions', 'Missing scope automations:write'),
      {},
      'forbidden',
      false,
      'insufficient_permissions',
    ],
    [403, envelope('permission_error', 'forbidden', 'Forbidden'), {}, 'forbidden', false, 'forbidden'],
    [
      404,
      envelope('invalid_request_error', 'resource_missing', 'No such automation'),
      {},
      'not_found',
      false,
      'resource_missing',
    ],
    [
      404,
      envelope('invalid_request_error', 'resource_not_found', 'Not found'),
      {},
      'not_found',
      false,
      'resource_not_found',
    ],
    [
      409,
      envelope('idempotency_error', 'idempotency_conflict', 'Key reused with another body'),
      {},
      'conflict',
      false,
      'idempotency_conflict',
    ],
    [
      409,
      envelope('idempotency_error', 'idempotency_in_progress', 'Still processing'),
      {},
      'conflict',
      true,
      'idempotency_in_progress',
    ],
    [
      422,
      loadFixture(import.meta.url, '__fixtures__/revkeen-error-flat.json'),
      {},
      'invalid_request',
      false,
      undefined,
    ],
    [
      429,
      envelope('rate_limit_error', 'rate_limited', 'Too many requests'),
      { 'retry-after': '30' },
      'rate_limited',
      true,
      'rate_limited',
    ],
    [
      500,
      loadFixture(import.meta.url, '__fixtures__/revkeen-error-message.json'),
      {},
      'server_error',
      true,
      undefined,
    ],
  ] as const)('HTTP %i %j → %s (retryable %s)', async (status, body, headers, kind, retryable, code) => {
    const scope = nock(BASE).post('/automations/a1/runs').reply(status, body, headers);
    const revkeen = createRevkeen({ apiKey: KEY, createRetry: { limit: 0 } });
    const error = (await revkeen.runAutomation('a1', {}, { idempotencyKey: 'k1' }))._unsafeUnwrapErr();
    expect(error).toMatchObject({ kind, retryable, httpStatus: status, provider: 'revkeen' });
    expect(error.code).toBe(code);
    if (status === 400) expect(error.message).toContain('customer.email');
    if (status === 429) expect(error.retryAfterMs).toBe(30_000);
    scope.done();
  });
});
