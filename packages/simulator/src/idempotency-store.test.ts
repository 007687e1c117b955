import { describe, expect, it } from 'vitest';
import { createIdempotencyStore, fingerprintBody } from './idempotency-store';
import { jsonResponse } from './sim-http';

describe('createIdempotencyStore', () => {
  const response = jsonResponse(202, { id: 'job-1' });

  it('replays the same body, refuses another, and forgets after the TTL', () => {
    const store = createIdempotencyStore(1000);
    expect(store.lookup('k', 'a', 0)).toEqual({ kind: 'miss' });
    store.remember('k', 'a', response, 0);
    expect(store.lookup('k', 'a', 500)).toEqual({ kind: 'replay', response });
    expect(store.lookup('k', 'b', 500)).toEqual({ kind: 'conflict' });
    expect(store.lookup('other', 'a', 500)).toEqual({ kind: 'miss' });
    expect(store.lookup('k', 'b', 1000)).toEqual({ kind: 'miss' });
  });
});

describe('fingerprintBody', () => {
  it.each([
    [
      { kind: 'json', value: { a: 1, b: [1, { c: 2, d: 3 }] } },
      { kind: 'json', value: { b: [1, { d: 3, c: 2 }], a: 1 } },
      true,
    ],
    [{ kind: 'json', value: { a: 1 } }, { kind: 'json', value: { a: 2 } }, false],
    [{ kind: 'empty', text: '' }, { kind: 'empty', text: '' }, true],
    [{ kind: 'invalid', text: '{' }, { kind: 'invalid', text: '{{' }, false],
    [{ kind: 'json', value: [1, 2] }, { kind: 'json', value: [2, 1] }, false],
  ])('%j vs %j → same: %s', (left, right, same) => {
    expect(fingerprintBody(left) === fingerprintBody(right)).toBe(same);
  });
});
