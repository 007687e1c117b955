import { describe, expect, it } from 'vitest';
import type { Outcome } from './exit-code';
import { formatSeconds, summarizeOutcomes } from './summarize-outcomes';

describe('summarizeOutcomes', () => {
  it.each<[Outcome[], number, number, string]>([
    [[], 0, 0, 'done in 0.0s (0 requests)'],
    [[{ kind: 'job', status: 'succeeded' }], 1234, 1, 'done in 1.2s (1 request): 1 succeeded'],
    [
      [
        { kind: 'error', error: { kind: 'not_found' } },
        { kind: 'job', status: 'failed' },
        { kind: 'error', error: { kind: 'poll_timeout' } },
        { kind: 'job', status: 'succeeded' },
        { kind: 'error', error: { kind: 'unauthorized' } },
        { kind: 'interrupted' },
      ],
      2500,
      31,
      'done in 2.5s (31 requests): 1 succeeded, 1 failed, 1 timed out, 2 errors',
    ],
  ])('%j', (outcomes, elapsedMs, requests, expected) => {
    expect(summarizeOutcomes(outcomes, elapsedMs, requests)).toBe(expected);
  });

  it('formats seconds with one decimal', () => {
    expect(formatSeconds(14_249)).toBe('14.2s');
  });
});
