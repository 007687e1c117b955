import { describe, expect, it } from 'vitest';
import { createAsyncJob } from './async-job';
import {
  ASYNC_JOB_ERROR_KINDS,
  abortedError,
  asyncJobError,
  configError,
  isAsyncJobError,
  pollTimeoutError,
} from './async-job-error';

describe('asyncJobError', () => {
  it.each([
    ['invalid_request', false],
    ['unauthorized', false],
    ['forbidden', false],
    ['not_found', false],
    ['conflict', false],
    ['rate_limited', true],
    ['server_error', true],
    ['network', true],
    ['request_timeout', true],
    ['invalid_response', false],
    ['aborted', false],
    ['config', false],
  ] as const)('%s is retryable: %s by default', (kind, retryable) => {
    expect(asyncJobError(kind, 'm')).toEqual({ kind, provider: null, message: 'm', retryable });
  });

  it('lists the thirteen kinds of the contract', () => {
    expect(ASYNC_JOB_ERROR_KINDS).toHaveLength(13);
  });

  it('leaves out details that are undefined, so errors serialize cleanly', () => {
    const error = asyncJobError('conflict', 'm', {
      provider: 'revor',
      code: 'idempotency_in_progress',
      retryable: true,
    });
    expect(error).toEqual({
      kind: 'conflict',
      provider: 'revor',
      message: 'm',
      retryable: true,
      code: 'idempotency_in_progress',
    });
    expect(Object.keys(asyncJobError('network', 'm', { requestId: undefined }))).not.toContain('requestId');
  });
});

describe('small constructors', () => {
  it('configError names the field', () => {
    expect(configError('revor.apiKey is required.', 'revor.apiKey', 'revor')).toEqual({
      kind: 'config',
      provider: 'revor',
      message: 'revor.apiKey is required.',
      retryable: false,
      field: 'revor.apiKey',
    });
  });

  it('abortedError and pollTimeoutError', () => {
    expect(abortedError('outx')).toMatchObject({ kind: 'aborted', provider: 'outx', retryable: false });
    const lastJob = createAsyncJob({ provider: 'outx', id: 't', status: 'queued', rawStatus: 'pending' });
    const timeout = pollTimeoutError('outx', lastJob);
    expect(timeout).toMatchObject({ kind: 'poll_timeout', retryable: false, lastJob });
    expect(timeout.message).toContain('pending');
  });

  it('isAsyncJobError recognises errors and rejects other values', () => {
    expect(isAsyncJobError(abortedError())).toBe(true);
    expect(isAsyncJobError(new Error('x'))).toBe(false);
    expect(isAsyncJobError({ kind: 'nope', message: 'x' })).toBe(false);
    expect(isAsyncJobError(null)).toBe(false);
  });
});
