import { describe, expect, it } from 'vitest';
import { encodePathSegment } from './encode-path-segment';

describe('encodePathSegment', () => {
  it.each([
    ['job_1', 'job_1'],
    ['a/b', 'a%2Fb'],
    ['a?x=1', 'a%3Fx%3D1'],
    ['a#frag', 'a%23frag'],
    ['../admin', '..%2Fadmin'],
    ['a..b', 'a..b'],
    ['%2e%2e', '%252e%252e'],
  ])('%s → %s', (value, expected) => {
    expect(encodePathSegment(value, 'acme')._unsafeUnwrap()).toBe(expected);
  });

  it.each(['', '.', '..'])('refuses %j, which would climb the path', (value) => {
    expect(encodePathSegment(value, 'acme')._unsafeUnwrapErr()).toMatchObject({ kind: 'invalid_request' });
  });
});
