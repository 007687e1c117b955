import { describe, expect, it } from 'vitest';
import { buildS1Population, S1_JOB_KINDS, type S1PopulationOptions } from './s1-population';

const options: S1PopulationOptions = {
  revorPerChannel: 2,
  revorChannels: ['email', 'linkedin', 'whatsapp'],
  revorGapSeconds: 120,
  outxTasks: 5,
  approvalRuns: 4,
  approvalMedianMs: 45_000,
  approvalSigma: 0.7,
  orationPlain: 10,
  revkeenPlain: 6,
  arrivalWindowMs: 60_000,
};

describe('buildS1Population', () => {
  it('gives the same arrivals for the same seed', () => {
    expect(buildS1Population(options, 42)).toEqual(buildS1Population(options, 42));
  });

  it('gives other arrivals for another seed', () => {
    expect(buildS1Population(options, 43)).not.toEqual(buildS1Population(options, 42));
  });

  it('has the configured number of each kind', () => {
    const counts = Object.fromEntries(
      S1_JOB_KINDS.map((kind) => [
        kind,
        buildS1Population(options, 42).filter((arrival) => arrival.kind === kind).length,
      ]),
    );
    expect(counts).toEqual({
      'revor-batch': 6,
      'outx-extension': 5,
      'revkeen-approval': 4,
      'oration-plain': 10,
      'revkeen-plain': 6,
    });
  });

  it('starts with the Revor batch, channel by channel, and keeps arrivals in time order within the window', () => {
    const arrivals = buildS1Population(options, 42);
    expect(arrivals.slice(0, 6).map((arrival) => [arrival.kind, arrival.channel, arrival.atMs])).toEqual([
      ['revor-batch', 'email', 0],
      ['revor-batch', 'linkedin', 0],
      ['revor-batch', 'whatsapp', 0],
      ['revor-batch', 'email', 0],
      ['revor-batch', 'linkedin', 0],
      ['revor-batch', 'whatsapp', 0],
    ]);
    const times = arrivals.map((arrival) => arrival.atMs);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(Math.max(...times)).toBeLessThanOrEqual(options.arrivalWindowMs);
  });

  it('gives every approval run a positive delay and no other job one', () => {
    for (const arrival of buildS1Population(options, 42)) {
      if (arrival.kind === 'revkeen-approval') expect(arrival.approvalDelayMs).toBeGreaterThan(0);
      else expect(arrival.approvalDelayMs).toBeUndefined();
    }
  });
});
