import { describe, expect, it } from 'vitest';
import { paginate, parsePage, readRejectionReason, validateRunBody } from './revkeen-validate';

describe('parsePage', () => {
  it.each([
    ['', { ok: true, page: { limit: 25, offset: 0 } }],
    ['limit=5&offset=10', { ok: true, page: { limit: 5, offset: 10 } }],
    ['limit=500', { ok: true, page: { limit: 100, offset: 0 } }],
    [
      'limit=0',
      { ok: false, problem: { param: 'limit', message: 'limit must be an integer from 1 to 100' } },
    ],
    [
      'limit=abc',
      { ok: false, problem: { param: 'limit', message: 'limit must be an integer from 1 to 100' } },
    ],
    [
      'offset=-1',
      { ok: false, problem: { param: 'offset', message: 'offset must be a non-negative integer' } },
    ],
  ])('?%s', (query, expected) => {
    expect(parsePage(new URLSearchParams(query))).toEqual(expected);
  });
});

describe('paginate', () => {
  it.each([
    [{ limit: 2, offset: 0 }, [1, 2], true],
    [{ limit: 2, offset: 2 }, [3], false],
    [{ limit: 2, offset: 5 }, [], false],
  ])('%j', (page, data, hasMore) => {
    expect(paginate([1, 2, 3], page)).toEqual({
      object: 'list',
      data,
      pagination: { ...page, total: 3, hasMore },
    });
  });
});

describe('validateRunBody', () => {
  it.each([
    [{}, { ok: true, triggerPayload: null }],
    [{ trigger_payload: { a: 1 } }, { ok: true, triggerPayload: { a: 1 } }],
    [
      { trigger_payload: null, extra: 1 },
      { ok: false, problem: { param: 'extra', message: 'Unknown field: extra' } },
    ],
    [[1], { ok: false, problem: { param: 'body', message: 'The request body must be a JSON object' } }],
  ])('%j', (body, expected) => {
    expect(validateRunBody(body)).toEqual(expected);
  });
});

describe('readRejectionReason', () => {
  it.each([
    [undefined, { ok: true, reason: null }],
    [{ reason: 'too risky' }, { ok: true, reason: 'too risky' }],
    [{ rejection_reason: 'no' }, { ok: true, reason: 'no' }],
    [{ reason: 5 }, { ok: false, problem: { param: 'reason', message: 'reason must be a string' } }],
  ])('%j', (body, expected) => {
    expect(readRejectionReason(body)).toEqual(expected);
  });
});
