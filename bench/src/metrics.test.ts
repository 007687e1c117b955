import { describe, expect, it } from 'vitest';
import { median, percentile, rateLimitedLowerBound, ratio, readCurve, summarize, verdict } from './metrics';

describe('percentile (nearest rank)', () => {
  it.each([
    { values: [], p: 50, expected: Number.NaN },
    { values: [7], p: 50, expected: 7 },
    { values: [7], p: 95, expected: 7 },
    { values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], p: 50, expected: 5 },
    { values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], p: 90, expected: 9 },
    { values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], p: 95, expected: 10 },
    { values: [10, 1, 9, 2, 8, 3, 7, 4, 6, 5], p: 50, expected: 5 },
    { values: [3, 1, 2], p: 0, expected: 1 },
    { values: [3, 1, 2], p: 100, expected: 3 },
    { values: Array.from({ length: 100 }, (_, index) => index + 1), p: 95, expected: 95 },
  ])('p$p of $values is $expected', ({ values, p, expected }) => {
    expect(percentile(values, p)).toBe(expected);
  });

  it('does not reorder its input', () => {
    const values = [3, 1, 2];
    percentile(values, 50);
    expect(values).toEqual([3, 1, 2]);
  });
});

describe('median', () => {
  it.each([
    { values: [5, 1, 3], expected: 3 },
    { values: [4, 1, 3, 2], expected: 2 },
  ])('of $values is $expected', ({ values, expected }) => {
    expect(median(values)).toBe(expected);
  });
});

describe('summarize', () => {
  it('gives count, p50, p95, max and mean', () => {
    expect(summarize([4, 1, 3, 2])).toEqual({ count: 4, p50: 2, p95: 4, max: 4, mean: 2.5 });
  });

  it('is NaN throughout for no values', () => {
    expect(summarize([])).toEqual({
      count: 0,
      p50: Number.NaN,
      p95: Number.NaN,
      max: Number.NaN,
      mean: Number.NaN,
    });
  });
});

describe('ratio', () => {
  it.each([
    { value: 1, reference: 2, expected: 0.5 },
    { value: 3, reference: 3, expected: 1 },
    { value: 0, reference: 4, expected: 0 },
    { value: 1, reference: 0, expected: Number.NaN },
    { value: 1, reference: -1, expected: Number.NaN },
    { value: Number.NaN, reference: 1, expected: Number.NaN },
    { value: 1, reference: Number.NaN, expected: Number.NaN },
  ])('$value / $reference is $expected', ({ value, reference, expected }) => {
    expect(ratio(value, reference)).toBe(expected);
  });
});

describe('verdict', () => {
  it.each([
    { value: 0.3, atMost: 0.35, expected: 'PASS' },
    { value: 0.35, atMost: 0.35, expected: 'PASS' },
    { value: 0.36, atMost: 0.35, expected: 'MISS' },
    { value: Number.NaN, atMost: 0.35, expected: 'MISS' },
    { value: Number.POSITIVE_INFINITY, atMost: 0.35, expected: 'MISS' },
  ])('$value against at most $atMost is $expected', ({ value, atMost, expected }) => {
    expect(verdict(value, atMost)).toBe(expected);
  });
});

describe('readCurve', () => {
  // y = 10 / x: a straight line in log-log space.
  const curve = [
    { x: 1, y: 10 },
    { x: 10, y: 1 },
    { x: 100, y: 0.1 },
  ];

  it.each([
    { x: 1, y: 10, extrapolated: false },
    { x: 10, y: 1, extrapolated: false },
    { x: Math.sqrt(10), y: Math.sqrt(10), extrapolated: false },
    { x: 50, y: 0.2, extrapolated: false },
    { x: 0.1, y: 10, extrapolated: true },
    { x: 1000, y: 0.01, extrapolated: true },
  ])('at $x reads $y (extrapolated: $extrapolated)', ({ x, y, extrapolated }) => {
    const reading = readCurve(curve, x);
    expect(reading.y).toBeCloseTo(y, 10);
    expect(reading.extrapolated).toBe(extrapolated);
  });

  it('does not extend a steep noisy segment below the fastest point', () => {
    const noisy = [
      { x: 3.6, y: 2.24 },
      { x: 3.7, y: 1.55 },
      { x: 10, y: 1.03 },
    ];
    expect(readCurve(noisy, 2.1)).toEqual({ y: 2.24, extrapolated: true });
  });

  it('sorts the points itself', () => {
    expect(readCurve([...curve].reverse(), 50).y).toBeCloseTo(0.2, 10);
  });

  it.each([
    { points: [], x: 5 },
    { points: [{ x: 1, y: 10 }], x: 5 },
    {
      points: [
        { x: 1, y: 10 },
        { x: 0, y: 3 },
        { x: 2, y: Number.NaN },
      ],
      x: 5,
    },
    { points: curve, x: 0 },
  ])('is NaN without two usable points or a positive x ($points.length points, x $x)', ({ points, x }) => {
    expect(readCurve(points, x).y).toBeNaN();
  });
});

describe('rateLimitedLowerBound', () => {
  const limit = { limit: 2, windowMs: 1000 };

  it.each([
    { name: 'no jobs', finishes: [], startAt: 500, expected: 500 },
    { name: 'one job finished before the start', finishes: [0], startAt: 500, expected: 500 },
    { name: 'one job finishing after the start', finishes: [5000], startAt: 0, expected: 5000 },
    { name: 'three at once: the third waits a window', finishes: [0, 0, 0], startAt: 0, expected: 1000 },
    { name: 'five at once: two per window', finishes: [0, 0, 0, 0, 0], startAt: 0, expected: 2000 },
    { name: 'spread out, never limited', finishes: [0, 1500, 3000], startAt: 0, expected: 3000 },
    { name: 'a window opens at its first request', finishes: [0, 0, 600, 1200], startAt: 0, expected: 1200 },
    {
      name: 'order of the input does not matter',
      finishes: [0, 0, 0, 0, 0].reverse(),
      startAt: 0,
      expected: 2000,
    },
  ])('$name', ({ finishes, startAt, expected }) => {
    expect(rateLimitedLowerBound(finishes, startAt, limit)).toBe(expected);
  });

  it('needs N / limit windows for N jobs already finished', () => {
    const finishes = Array.from({ length: 2000 }, () => 0);
    expect(rateLimitedLowerBound(finishes, 0, { limit: 50, windowMs: 1000 })).toBe(39_000);
  });
});
