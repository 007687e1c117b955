import type { AsyncJobError } from '@asyncjob/core';
import { describe, expect, it } from 'vitest';
import {
  type ExitCode,
  exitCodeForError,
  exitCodeForOutcomes,
  exitCodeOf,
  mostSeriousExitCode,
  type Outcome,
} from './exit-code';

const error = (kind: AsyncJobError['kind'], httpStatus?: number): Outcome => ({
  kind: 'error',
  error: { kind, ...(httpStatus === undefined ? {} : { httpStatus }) },
});
const job = (status: Extract<Outcome, { kind: 'job' }>['status']): Outcome => ({ kind: 'job', status });

describe('exitCodeOf', () => {
  it.each<[string, Outcome, ExitCode, ExitCode]>([
    ['succeeded', job('succeeded'), 0, 0],
    ['failed', job('failed'), 0, 1],
    ['cancelled', job('cancelled'), 0, 1],
    ['queued (a lookup; a wait never ends on it)', job('queued'), 0, 4],
    ['awaiting_action', job('awaiting_action'), 0, 4],
    ['config error', error('config'), 2, 2],
    ['input refused before any request', error('invalid_request'), 2, 2],
    ['HTTP 400/422', error('invalid_request', 422), 3, 3],
    ['unauthorized', error('unauthorized', 401), 3, 3],
    ['forbidden', error('forbidden', 403), 3, 3],
    ['not found', error('not_found', 404), 3, 3],
    ['conflict', error('conflict', 409), 3, 3],
    ['rate limited', error('rate_limited', 429), 3, 3],
    ['server error', error('server_error', 503), 3, 3],
    ['network', error('network'), 3, 3],
    ['request timeout', error('request_timeout'), 3, 3],
    ['invalid response', error('invalid_response', 200), 3, 3],
    ['poll timeout', error('poll_timeout'), 4, 4],
    ['aborted', error('aborted'), 130, 130],
    ['usage', { kind: 'usage' }, 2, 2],
    ['interrupted', { kind: 'interrupted' }, 130, 130],
  ])('%s: %i for a lookup, %i for a wait', (_, outcome, lookup, wait) => {
    expect(exitCodeOf(outcome, 'lookup')).toBe(lookup);
    expect(exitCodeOf(outcome, 'wait')).toBe(wait);
  });
});

describe('mostSeriousExitCode', () => {
  it.each<[ExitCode[], ExitCode]>([
    [[], 0],
    [[0, 0], 0],
    [[0, 1], 1],
    [[1, 4], 4],
    [[4, 3, 1], 3],
    [[3, 2, 4], 2],
    [[0, 1, 4, 3, 2], 2],
    [[2, 130], 130],
  ])('%j gives %i', (codes, expected) => {
    expect(mostSeriousExitCode(codes)).toBe(expected);
  });
});

describe('exitCodeForOutcomes', () => {
  it('lets a request error outrank a timeout and a failure in a wait', () => {
    expect(
      exitCodeForOutcomes(
        [job('succeeded'), job('failed'), error('poll_timeout'), error('not_found', 404)],
        'wait',
      ),
    ).toBe(3);
  });

  it('gives 0 for a lookup of failed jobs', () => {
    expect(exitCodeForOutcomes([job('failed'), job('cancelled')], 'lookup')).toBe(0);
  });

  it('maps error kinds on their own', () => {
    expect(exitCodeForError({ kind: 'config' })).toBe(2);
    expect(exitCodeForError({ kind: 'invalid_request', httpStatus: 400 })).toBe(3);
  });
});
