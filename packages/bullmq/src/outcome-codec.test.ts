import { asyncJobError, createAsyncJob, pollTimeoutError } from '@asyncjob/core';
import { err, ok } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import type { FleetSettledJob } from './fleet-types';
import { decodeOutcome, encodeOutcome } from './outcome-codec';

const times = {
  trackedAt: new Date('2026-05-20T10:00:00.000Z'),
  settledAt: new Date('2026-05-20T10:05:00.000Z'),
  checks: 4,
};

const succeeded = createAsyncJob({
  provider: 'outx',
  id: 't1',
  status: 'succeeded',
  rawStatus: 'completed',
  result: { sent: true },
  createdAt: new Date('2026-05-20T10:00:00.000Z'),
  finishedAt: new Date('2026-05-20T10:04:59.000Z'),
  attempts: 1,
  raw: { id: 't1', status: 'completed' },
});

describe('outcome codec', () => {
  it('round-trips a finished job with its dates and raw body', () => {
    const settled: FleetSettledJob = {
      ref: 'outx:t1',
      provider: 'outx',
      operation: 'fetch-profile',
      result: ok(succeeded),
      ...times,
    };
    expect(decodeOutcome(encodeOutcome(settled))).toEqual(ok(settled));
  });

  it('round-trips a request error', () => {
    const error = asyncJobError('unauthorized', 'The API key was revoked.', {
      provider: 'revor',
      httpStatus: 401,
      code: 'api_key_revoked',
      cause: { name: 'HTTPError', message: '401' },
    });
    const settled: FleetSettledJob = {
      ref: 'revor:j',
      provider: 'revor',
      operation: 'default',
      result: err(error),
      ...times,
    };
    expect(decodeOutcome(encodeOutcome(settled))).toEqual(ok(settled));
  });

  it('round-trips a poll timeout with the last job seen, and one without', () => {
    const lastJob = createAsyncJob({ provider: 'revor', id: 'j', status: 'running', rawStatus: 'running' });
    for (const timeout of [pollTimeoutError('revor', lastJob), pollTimeoutError('revor', null)]) {
      const settled: FleetSettledJob = {
        ref: 'revor:j',
        provider: 'revor',
        operation: 'default',
        result: err(timeout),
        ...times,
      };
      expect(decodeOutcome(encodeOutcome(settled))).toEqual(ok(settled));
    }
  });

  it.each([
    ['not JSON', '{'],
    ['another shape', '{"v":1,"ref":"x"}'],
    [
      'an unknown error kind',
      JSON.stringify({
        v: 1,
        ref: 'a:b',
        provider: 'a',
        operation: 'o',
        trackedAt: 1,
        settledAt: 2,
        checks: 0,
        outcome: { type: 'error', error: { kind: 'nope', provider: null, message: 'm', retryable: false } },
      }),
    ],
  ])('reports %s as invalid_response', (_name, text) => {
    expect(decodeOutcome(text)._unsafeUnwrapErr()).toMatchObject({
      kind: 'invalid_response',
      retryable: false,
    });
  });
});
