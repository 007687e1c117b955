import { describe, expect, it } from 'vitest';
import { nextPaceSlot } from './revor-pacing';

describe('nextPaceSlot', () => {
  it.each([
    ['the first task starts now', undefined, 1000, 60, 1, 1000],
    ['the next one waits for the gap', 1000, 1000, 60, 1, 61_000],
    ['a later one waits from the previous slot', 61_000, 2000, 300, 1, 361_000],
    ['a gap already over starts now', 0, 100_000, 60, 1, 100_000],
    ['the gap follows the time scale', 1000, 1000, 60, 0.01, 1600],
  ])('%s', (_name, previousSlotMs, nowMs, intervalSeconds, scale, expected) => {
    expect(nextPaceSlot({ previousSlotMs, nowMs, intervalSeconds, scale })).toBe(expected);
  });
});
