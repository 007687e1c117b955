import { describe, expect, it } from 'vitest';
import { formatJobRef, parseJobRef } from './job-ref';

describe('parseJobRef', () => {
  it.each([
    ['revor:job_1', { provider: 'revor', id: 'job_1' }],
    ['revkeen:auto-1/run-2', { provider: 'revkeen', id: 'auto-1/run-2' }],
    ['outx:a:b', { provider: 'outx', id: 'a:b' }],
  ])('%s', (ref, expected) => {
    expect(parseJobRef(ref)._unsafeUnwrap()).toEqual(expected);
  });

  it.each(['', 'revor', 'revor:', ':job', 'Revor:job', '1abc:job', 42])(
    'refuses %j with a config error',
    (ref) => {
      expect(parseJobRef(ref)._unsafeUnwrapErr()).toMatchObject({ kind: 'config', field: 'ref' });
    },
  );

  it('formats what it parses', () => {
    expect(formatJobRef('oration', 'x-1')).toBe('oration:x-1');
  });
});
