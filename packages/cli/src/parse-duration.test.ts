import { describe, expect, it } from 'vitest';
import { parseDuration } from './parse-duration';

describe('parseDuration', () => {
  it.each([
    ['500ms', 500],
    ['3s', 3000],
    ['10m', 600_000],
    ['1h', 3_600_000],
    ['90', 90_000],
    ['1.5s', 1500],
    ['0.5', 500],
    ['.25s', 250],
    ['2.5m', 150_000],
    [' 10m ', 600_000],
    ['10M', 600_000],
    ['1ms', 1],
    ['596h', 2_145_600_000],
  ])('reads %j as %i ms', (text, expected) => {
    expect(parseDuration(text)._unsafeUnwrap()).toBe(expected);
  });

  it.each([
    ['', 'not a duration'],
    ['abc', 'not a duration'],
    ['10x', 'not a duration'],
    ['-5s', 'not a duration'],
    ['1h30m', 'not a duration'],
    ['1e3', 'not a duration'],
    ['s', 'not a duration'],
    ['0', 'too short'],
    ['0ms', 'too short'],
    ['0.4ms', 'too short'],
    ['597h', 'too long'],
  ])('refuses %j (%s)', (text, problem) => {
    expect(parseDuration(text)._unsafeUnwrapErr()).toContain(problem);
  });

  it('names the accepted forms in its message', () => {
    expect(parseDuration('soon')._unsafeUnwrapErr()).toBe(
      '"soon" is not a duration: use e.g. 500ms, 3s, 10m or 1h (a bare number is seconds).',
    );
  });
});
