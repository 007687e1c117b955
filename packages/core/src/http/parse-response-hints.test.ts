import { describe, expect, it } from 'vitest';
import { parseRateLimit, parseResponseHints, parseRetryAfter } from './parse-response-hints';

const NOW = Date.parse('2026-05-20T10:00:00.000Z');

describe('parseRetryAfter', () => {
  it.each([
    ['3', 3000],
    ['0', 0],
    ['1.5', 1500],
    [' 10 ', 10_000],
    ['Wed, 20 May 2026 10:01:00 GMT', 60_000],
    ['Wed, 20 May 2026 09:59:00 GMT', 0],
    ['-5', undefined],
    ['soon', undefined],
    ['', undefined],
    [null, undefined],
  ])('%s → %s', (value, expected) => {
    expect(parseRetryAfter(value, NOW)).toBe(expected);
  });
});

describe('parseRateLimit', () => {
  it('reads the per-key, per-account and window headers', () => {
    const headers = new Headers({
      'X-RateLimit-Limit': '120',
      'X-RateLimit-Remaining': '0',
      'X-RateLimit-Window-Ms': '60000',
      'X-User-RateLimit-Limit': '600',
      'X-User-RateLimit-Remaining': '17',
    });
    expect(parseRateLimit(headers, NOW)).toEqual({
      limit: 120,
      remaining: 0,
      windowMs: 60_000,
      userLimit: 600,
      userRemaining: 17,
    });
  });

  it.each([
    ['30', 30_000],
    [String(NOW / 1000 + 45), 45_000],
  ])('reads X-RateLimit-Reset %s as %i ms', (value, expected) => {
    expect(parseRateLimit(new Headers({ 'X-RateLimit-Reset': value }), NOW)).toEqual({ resetMs: expected });
  });

  it('ignores malformed values and returns undefined without headers', () => {
    expect(parseRateLimit(new Headers({ 'X-RateLimit-Limit': 'lots' }), NOW)).toBeUndefined();
    expect(parseRateLimit(new Headers(), NOW)).toBeUndefined();
  });
});

describe('parseResponseHints', () => {
  it('prefers the body request id and falls back to the header', () => {
    const headers = new Headers({ 'x-request-id': 'hdr_1', 'retry-after': '2' });
    expect(parseResponseHints(headers, 429, NOW, 'body_1')).toEqual({
      httpStatus: 429,
      receivedAt: NOW,
      requestId: 'body_1',
      retryAfterMs: 2000,
    });
    expect(parseResponseHints(headers, 200, NOW).requestId).toBe('hdr_1');
  });
});
