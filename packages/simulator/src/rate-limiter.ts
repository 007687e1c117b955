/** A request budget per key: `limit` requests per fixed window of `windowMs`. */
export interface RateLimitRule {
  readonly limit: number;
  readonly windowMs: number;
  /** The account-wide budget reported in `X-User-RateLimit-*` (Revor). @default limit */
  readonly userLimit?: number;
}

/** One key's current window. */
export interface RateWindow {
  readonly startedAt: number;
  readonly count: number;
}

/** The outcome of one request against a budget, with what the rate-limit headers report. */
export interface RateDecision {
  readonly allowed: boolean;
  readonly limit: number;
  readonly remaining: number;
  readonly windowMs: number;
  readonly userLimit: number;
  readonly userRemaining: number;
  /** Milliseconds until the window resets; 0 when the request was allowed. */
  readonly retryAfterMs: number;
}

/** Counts one request in a fixed window; a pure function of (window, rule, now). */
export function consumeRate(
  window: RateWindow | undefined,
  rule: RateLimitRule,
  nowMs: number,
): { readonly window: RateWindow; readonly decision: RateDecision } {
  const expired = !window || nowMs >= window.startedAt + rule.windowMs || nowMs < window.startedAt;
  const current: RateWindow = expired ? { startedAt: nowMs, count: 0 } : window;
  const userLimit = rule.userLimit ?? rule.limit;
  const allowed = current.count < Math.min(rule.limit, userLimit);
  const count = allowed ? current.count + 1 : current.count;
  return {
    window: { startedAt: current.startedAt, count },
    decision: {
      allowed,
      limit: rule.limit,
      remaining: Math.max(0, rule.limit - count),
      windowMs: rule.windowMs,
      userLimit,
      userRemaining: Math.max(0, userLimit - count),
      retryAfterMs: allowed ? 0 : Math.max(0, current.startedAt + rule.windowMs - nowMs),
    },
  };
}

/** `Retry-After` in whole seconds, at least 1. */
export function retryAfterSeconds(decision: RateDecision): number {
  return Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
}

/** Windows for many keys. */
export interface RateLimiter {
  consume(scope: string, rule: RateLimitRule, nowMs: number): RateDecision;
  clear(): void;
}

/** An in-memory limiter keyed by scope (vendor + API key). */
export function createRateLimiter(): RateLimiter {
  const windows = new Map<string, RateWindow>();
  return {
    consume(scope, rule, nowMs) {
      const { window, decision } = consumeRate(windows.get(scope), rule, nowMs);
      windows.set(scope, window);
      return decision;
    },
    clear: () => windows.clear(),
  };
}
