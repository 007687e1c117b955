/** Rate-limit state a vendor reported in its response headers. Missing headers stay undefined. */
export interface RateLimitState {
  /** Requests allowed per window for this key (`X-RateLimit-Limit`). */
  readonly limit?: number;
  /** Requests left in the current window for this key (`X-RateLimit-Remaining`). */
  readonly remaining?: number;
  /** The window's length (`X-RateLimit-Window-Ms`). */
  readonly windowMs?: number;
  /** Milliseconds until the window resets, when the vendor says (`X-RateLimit-Reset`). */
  readonly resetMs?: number;
  /** The account-wide limit (`X-User-RateLimit-Limit`). */
  readonly userLimit?: number;
  /** Requests left for the account (`X-User-RateLimit-Remaining`). */
  readonly userRemaining?: number;
}

/**
 * What one HTTP response told us beyond its body: the poller and the tracker read it to place the next request.
 */
export interface ResponseHints {
  readonly httpStatus: number;
  readonly requestId?: string;
  /** From `Retry-After` (seconds or an HTTP date), relative to when the response arrived. */
  readonly retryAfterMs?: number;
  readonly rateLimit?: RateLimitState;
  /** When the response arrived, by the client's clock (ms since the epoch). */
  readonly receivedAt: number;
}

/**
 * The least time to wait before the next request so that the rate-limit window is not exceeded, or undefined
 * when the headers leave room (or say nothing).
 */
export function rateLimitWaitMs(state: RateLimitState | undefined): number | undefined {
  if (!state) return undefined;
  const exhausted =
    (state.remaining !== undefined && state.remaining <= 0) ||
    (state.userRemaining !== undefined && state.userRemaining <= 0);
  if (!exhausted) return undefined;
  return state.resetMs ?? state.windowMs;
}
