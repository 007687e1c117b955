import type { ResponseHints } from '../response-hints';

/** A request budget: `limit` requests per `windowMs`. */
export interface RateBudget {
  readonly limit: number;
  readonly windowMs: number;
}

/**
 * One vendor key's request budget as a token bucket. It starts from a configured guess, learns the real limit
 * from the vendor's rate-limit headers, follows the vendor's `remaining` count, and stops every request of the
 * key until a 429's Retry-After has passed. Time is passed in, so it is tested without waiting.
 */
export class TokenBucket {
  #capacity: number;
  #refillPerMs: number;
  #tokens: number;
  #updatedAt: number;
  #pausedUntil = 0;
  /** Use this share of a learned limit, leaving room for clock skew and other clients of the key. */
  readonly #headroom: number;

  constructor(budget: RateBudget, now: number, headroom = 0.9) {
    this.#headroom = headroom;
    this.#capacity = Math.max(1, budget.limit);
    this.#refillPerMs = budget.limit / budget.windowMs;
    this.#tokens = this.#capacity;
    this.#updatedAt = now;
  }

  /** Milliseconds until a request may go (0: now). */
  waitMs(now: number): number {
    this.#refill(now);
    if (now < this.#pausedUntil) return this.#pausedUntil - now;
    if (this.#tokens >= 1) return 0;
    return Math.ceil((1 - this.#tokens) / this.#refillPerMs);
  }

  /** Takes a token; false when none is available yet. */
  tryTake(now: number): boolean {
    if (this.waitMs(now) > 0) return false;
    this.#tokens -= 1;
    return true;
  }

  /** Learns from a response: the window's limit and what is left of it. */
  learn(hints: ResponseHints, now: number): void {
    this.#refill(now);
    const rate = hints.rateLimit;
    if (rate?.limit !== undefined && rate.windowMs !== undefined && rate.limit > 0 && rate.windowMs > 0) {
      const limit = Math.max(1, Math.floor(rate.limit * this.#headroom));
      this.#capacity = limit;
      this.#refillPerMs = limit / rate.windowMs;
      this.#tokens = Math.min(this.#tokens, this.#capacity);
    }
    if (rate?.remaining !== undefined) {
      // The vendor's count includes other clients of the same key: never believe we have more than it says.
      this.#tokens = Math.min(this.#tokens, Math.max(0, rate.remaining - 1));
    }
  }

  /** A 429: every request of this key waits until `untilMs`. */
  pause(untilMs: number, now: number): void {
    this.#refill(now);
    this.#tokens = 0;
    this.#pausedUntil = Math.max(this.#pausedUntil, untilMs);
  }

  /** The budget in force, for stats. */
  get budget(): RateBudget {
    return { limit: this.#capacity, windowMs: Math.round(this.#capacity / this.#refillPerMs) };
  }

  #refill(now: number): void {
    const elapsed = Math.max(0, now - this.#updatedAt);
    this.#tokens = Math.min(this.#capacity, this.#tokens + elapsed * this.#refillPerMs);
    this.#updatedAt = now;
  }
}
