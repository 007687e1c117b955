import { describe, expect, it } from 'vitest';
import { type DurationSetting, sampleDuration } from './durations';
import { createRandom } from './prng';

describe('sampleDuration', () => {
  it.each<[DurationSetting, number, number]>([
    [250, 1, 250],
    [250, 0.1, 25],
    [0, 1, 0],
    [{ medianMs: 1000, sigma: 0 }, 1, 1000],
    [{ medianMs: 1000, sigma: 0 }, 0.01, 10],
    [{ medianMs: 1000, sigma: 2, minMs: 1000, maxMs: 1000 }, 1, 1000],
  ])('%j at scale %d gives %d', (setting, scale, expected) => {
    expect(sampleDuration(createRandom(1), setting, scale)).toBe(expected);
  });

  it('uses the same number of draws for a number and a spread', () => {
    const a = createRandom(2);
    const b = createRandom(2);
    sampleDuration(a, 100);
    sampleDuration(b, { medianMs: 100 });
    expect(a.next()).toEqual(b.next());
  });

  it('keeps a spread within its bounds', () => {
    const random = createRandom(4);
    for (let index = 0; index < 500; index += 1) {
      const value = sampleDuration(random, { medianMs: 100, sigma: 3, minMs: 10, maxMs: 400 });
      expect(value).toBeGreaterThanOrEqual(10);
      expect(value).toBeLessThanOrEqual(400);
    }
  });
});
