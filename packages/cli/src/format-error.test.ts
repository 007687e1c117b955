import { asyncJobError, configError, pollTimeoutError } from '@asyncjob/core';
import { describe, expect, it } from 'vitest';
import { formatErrorJsonLine, formatErrorLine, toErrorJson } from './format-error';

const notFound = asyncJobError('not_found', 'Task not found.', {
  provider: 'revor',
  httpStatus: 404,
  code: 'task_not_found',
  requestId: 'req_1',
});

describe('toErrorJson', () => {
  it('has the five fields, null where unknown', () => {
    expect(toErrorJson('revor:job_1', notFound)).toEqual({
      ref: 'revor:job_1',
      error: {
        kind: 'not_found',
        code: 'task_not_found',
        message: 'Task not found.',
        httpStatus: 404,
        requestId: 'req_1',
      },
    });
    expect(toErrorJson('outx:t', pollTimeoutError('outx', null))).toEqual({
      ref: 'outx:t',
      error: {
        kind: 'poll_timeout',
        code: null,
        message: 'The job did not finish before the deadline.',
        httpStatus: null,
        requestId: null,
      },
    });
  });

  it('prints one parseable line', () => {
    expect(JSON.parse(formatErrorJsonLine('revor:job_1', notFound))).toEqual(
      toErrorJson('revor:job_1', notFound),
    );
  });
});

describe('formatErrorLine', () => {
  it.each([
    [
      'revor:job_1',
      notFound,
      'error revor:job_1: not_found: Task not found. (HTTP 404, code task_not_found, request req_1)',
    ],
    [
      'revor',
      configError('"revor" is not a job ref.', 'ref'),
      'error revor: config: "revor" is not a job ref.',
    ],
    [null, configError('REVOR_API_KEY is\nrequired.'), 'error: config: REVOR_API_KEY is required.'],
  ])('%s', (ref, error, expected) => {
    expect(formatErrorLine(ref, error)).toBe(expected);
  });
});
