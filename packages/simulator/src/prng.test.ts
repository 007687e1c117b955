import { describe, expect, it } from 'vitest';
import { createRandom, hashLabel, mulberry32 } from './prng';

describe('mulberry32', () => {
  it('gives the same sequence for the same seed', () => {
    const first = mulberry32(7);
    const second = mulberry32(7);
    const a = [first(), first(), first()];
    expect([second(), second(), second()]).toEqual(a);
    for (const value of a) expect(value).toBeGreaterThanOrEqual(0);
    for (const value of a) expect(value).toBeLessThan(1);
  });

  it('gives a different sequence for another seed', () => {
    expect(mulberry32(1)()).not.toEqual(mulberry32(2)());
  });
});

describe('createRandom', () => {
  it('derives independent streams from labels', () => {
    expect(hashLabel('jobs')).not.toEqual(hashLabel('ids'));
    expect(createRandom(1, 'jobs').next()).not.toEqual(createRandom(1, 'ids').next());
    expect(createRandom(1, 'jobs').next()).toEqual(createRandom(1, 'jobs').next());
  });

  it.each([
    [1, 5],
    [0, 0],
    [-3, 3],
  ])('int(%i, %i) stays in range', (min, max) => {
    const random = createRandom(3);
    for (let index = 0; index < 200; index += 1) {
      const value = random.int(min, max);
      expect(value).toBeGreaterThanOrEqual(min);
      expect(value).toBeLessThanOrEqual(max);
      expect(Number.isInteger(value)).toBe(true);
    }
  });

  it('makes version 4 UUIDs and hex strings', () => {
    const random = createRandom(9);
    for (let index = 0; index < 50; index += 1) {
      expect(random.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
    expect(random.hex(12)).toMatch(/^[0-9a-f]{12}$/);
  });

  it('centres log-normal values on the median', () => {
    const random = createRandom(11);
    expect(random.logNormal(500, 0)).toBe(500);
    const samples = Array.from({ length: 2001 }, () => random.logNormal(1000, 0.5)).sort((a, b) => a - b);
    const median = samples[1000] as number;
    expect(median).toBeGreaterThan(900);
    expect(median).toBeLessThan(1100);
  });

  it('chance(0) is never and chance(1) is always', () => {
    const random = createRandom(5);
    const draws = Array.from({ length: 100 }, () => [random.chance(0), random.chance(1)]);
    expect(draws.every(([never, always]) => !never && always)).toBe(true);
  });
});
