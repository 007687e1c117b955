import { describe, expect, it } from 'vitest';
import { TokenBucket } from './token-bucket';

describe('TokenBucket', () => {
  it('allows a burst up to the limit, then one request per refill interval', () => {
    const bucket = new TokenBucket({ limit: 3, windowMs: 3000 }, 0);
    expect([bucket.tryTake(0), bucket.tryTake(0), bucket.tryTake(0), bucket.tryTake(0)]).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect(bucket.waitMs(0)).toBe(1000);
    expect(bucket.tryTake(1000)).toBe(true);
  });

  it('learns the vendor limit with headroom and never trusts more than the vendor’s remaining count', () => {
    const bucket = new TokenBucket({ limit: 100, windowMs: 1000 }, 0);
    bucket.learn(
      { httpStatus: 200, receivedAt: 0, rateLimit: { limit: 50, windowMs: 1000, remaining: 2 } },
      0,
    );
    expect(bucket.budget).toEqual({ limit: 45, windowMs: 1000 });
    expect(bucket.tryTake(0)).toBe(true);
    expect(bucket.tryTake(0)).toBe(false);
  });

  it('stops everything until a pause ends', () => {
    const bucket = new TokenBucket({ limit: 10, windowMs: 1000 }, 0);
    bucket.pause(5000, 0);
    expect(bucket.waitMs(100)).toBe(4900);
    expect(bucket.tryTake(4999)).toBe(false);
    expect(bucket.tryTake(5000)).toBe(true);
  });
});
