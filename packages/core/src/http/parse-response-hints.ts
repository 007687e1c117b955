import type { RateLimitState, ResponseHints } from '../response-hints';

/**
 * Reads `Retry-After` as delta-seconds or an HTTP date, relative to `nowMs`. Negative, malformed or absent
 * values give undefined; a date in the past gives 0.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  // Anything else must be an HTTP date, which starts with a day name ("Wed, 20 May 2026 …").
  if (!/^[A-Za-z]/.test(trimmed)) return undefined;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}

function readCount(headers: Headers, name: string): number | undefined {
  const value = headers.get(name);
  if (value === null || !/^\s*\d+(\.\d+)?\s*$/.test(value)) return undefined;
  return Number(value);
}

/**
 * Reads the rate-limit headers the vendors send: `X-RateLimit-*` (per key), `X-User-RateLimit-*` (per account)
 * and Revor's `X-RateLimit-Window-Ms`. `X-RateLimit-Reset` is taken as seconds to wait (small values) or an
 * epoch time in seconds (large values).
 */
export function parseRateLimit(headers: Headers, nowMs: number): RateLimitState | undefined {
  const reset = readCount(headers, 'x-ratelimit-reset');
  let resetMs: number | undefined;
  if (reset !== undefined) {
    // Values past 2001-09-09 in seconds are epoch times; smaller ones are a countdown.
    resetMs = reset > 1_000_000_000 ? Math.max(0, reset * 1000 - nowMs) : reset * 1000;
  }
  const state: RateLimitState = {
    limit: readCount(headers, 'x-ratelimit-limit'),
    remaining: readCount(headers, 'x-ratelimit-remaining'),
    windowMs: readCount(headers, 'x-ratelimit-window-ms'),
    resetMs,
    userLimit: readCount(headers, 'x-user-ratelimit-limit'),
    userRemaining: readCount(headers, 'x-user-ratelimit-remaining'),
  };
  const present = Object.fromEntries(Object.entries(state).filter(([, value]) => value !== undefined));
  return Object.keys(present).length > 0 ? (present as RateLimitState) : undefined;
}

const REQUEST_ID_HEADERS = ['x-request-id', 'request-id', 'x-amzn-requestid', 'cf-ray'];

/** Collects what a response's headers say about pacing and tracing. */
export function parseResponseHints(
  headers: Headers,
  httpStatus: number,
  nowMs: number,
  bodyRequestId?: string,
): ResponseHints {
  const headerRequestId = REQUEST_ID_HEADERS.map((name) => headers.get(name)).find((value) => value);
  const requestId = bodyRequestId ?? headerRequestId ?? undefined;
  const retryAfterMs = parseRetryAfter(headers.get('retry-after'), nowMs);
  const rateLimit = parseRateLimit(headers, nowMs);
  return {
    httpStatus,
    receivedAt: nowMs,
    ...(requestId ? { requestId } : {}),
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    ...(rateLimit ? { rateLimit } : {}),
  };
}
