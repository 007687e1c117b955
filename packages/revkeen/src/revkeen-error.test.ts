import { loadFixture } from '@asyncjob/core/test';
import { describe, expect, it } from 'vitest';
import { readRevkeenError } from './revkeen-error';

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
