import { describe, expect, it } from 'vitest';
import { DurationLearner, proposeAdaptiveDelay } from './duration-learner';

function learnerWith(values: number[]): DurationLearner {
  const learner = new DurationLearner(100);
  for (const value of values) learner.record('k', value);
  return learner;
}

describe('DurationLearner', () => {
  const learner = learnerWith([1000, 2000, 3000, 4000, 5000]);

  it.each([
    [0, 1000],
    [0.5, 3000],
    [1, 5000],
    [0.125, 1500],
  ])('quantile %f → %i', (q, expected) => {
    expect(learner.quantile('k', q)).toBe(expected);
  });

  it.each([
    [500, 0],
    [1000, 0.2],
    [2500, 0.4],
    [9000, 1],
  ])('cdf(%i) → %f', (duration, expected) => {
    expect(learner.cdf('k', duration)).toBe(expected);
  });

  it('keeps at most its capacity, dropping the oldest', () => {
    const ring = new DurationLearner(3);
    for (const value of [1, 2, 3, 4, 5]) ring.record('k', value);
    expect(ring.export()).toEqual({ k: [4, 5, 3] });
    ring.record('k', Number.NaN);
    ring.record('k', -1);
    expect(ring.count('k')).toBe(3);
  });
});

describe('proposeAdaptiveDelay', () => {
  const options = { minSamples: 5, step: 0.5 };
  const learner = learnerWith([1000, 2000, 3000, 4000, 5000]);

  it.each([
    ['a new job: check at the median', 0, 3000],
    ['past the median: cover half of what is left', 3000, 1200],
    ['past everything seen: no proposal', 6000, undefined],
  ])('%s', (_name, age, expected) => {
    expect(proposeAdaptiveDelay(learner, 'k', age, options)).toBe(expected);
  });

  it('proposes nothing before enough samples', () => {
    expect(proposeAdaptiveDelay(learnerWith([1000]), 'k', 0, options)).toBeUndefined();
  });
});
