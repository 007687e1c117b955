import { describe, expect, it } from 'vitest';
import { consumeRate, createRateLimiter, type RateWindow, retryAfterSeconds } from './rate-limiter';

const rule = { limit: 2, windowMs: 1000 };

describe('consumeRate', () => {
  it.each<[string, RateWindow | undefined, number, boolean, number, number, RateWindow]>([
    ['first request opens a window', undefined, 100, true, 1, 0, { startedAt: 100, count: 1 }],
    ['second request fits', { startedAt: 100, count: 1 }, 500, true, 0, 0, { startedAt: 100, count: 2 }],
    [
      'third request is refused',
      { startedAt: 100, count: 2 },
      600,
      false,
      0,
      500,
      { startedAt: 100, count: 2 },
    ],
    [
      'an expired window resets',
      { startedAt: 100, count: 2 },
      1100,
      true,
      1,
      0,
      { startedAt: 1100, count: 1 },
    ],
    [
      'a clock that went back resets',
      { startedAt: 100, count: 2 },
      50,
      true,
      1,
      0,
      { startedAt: 50, count: 1 },
    ],
  ])('%s', (_name, window, nowMs, allowed, remaining, retryAfterMs, nextWindow) => {
    const result = consumeRate(window, rule, nowMs);
    expect(result.decision).toMatchObject({ allowed, remaining, retryAfterMs, limit: 2, windowMs: 1000 });
    expect(result.window).toEqual(nextWindow);
  });

  it('reports the user limit separately and enforces the smaller one', () => {
    const { decision } = consumeRate(
      { startedAt: 0, count: 3 },
      { limit: 10, windowMs: 1000, userLimit: 3 },
      10,
    );
    expect(decision).toMatchObject({ allowed: false, remaining: 7, userLimit: 3, userRemaining: 0 });
  });

  it.each([
    [0, 1],
    [1, 1],
    [1001, 2],
    [59_000, 59],
  ])('Retry-After for %i ms is %i s', (retryAfterMs, seconds) => {
    const decision = { ...consumeRate(undefined, rule, 0).decision, retryAfterMs };
    expect(retryAfterSeconds(decision)).toBe(seconds);
  });
});

describe('createRateLimiter', () => {
  it('keeps one window per scope', () => {
    const limiter = createRateLimiter();
    expect(limiter.consume('a', rule, 0).allowed).toBe(true);
    expect(limiter.consume('a', rule, 0).allowed).toBe(true);
    expect(limiter.consume('a', rule, 0).allowed).toBe(false);
    expect(limiter.consume('b', rule, 0).allowed).toBe(true);
    limiter.clear();
    expect(limiter.consume('a', rule, 0).allowed).toBe(true);
  });
});
