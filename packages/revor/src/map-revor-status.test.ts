import { describe, expect, it } from 'vitest';
import { mapRevorStatus, revorStatusMap } from './map-revor-status';

describe('mapRevorStatus', () => {
  it.each([
    ['queued', 'queued'],
    ['scheduled', 'scheduled'],
    ['running', 'running'],
    ['settling', 'running'],
    ['succeeded', 'succeeded'],
    ['failed', 'failed'],
    ['cancelled', 'cancelled'],
  ] as const)('maps %s to %s', (status, expected) => {
    expect(mapRevorStatus(status)).toBe(expected);
  });

  it('covers every documented status in its table', () => {
    expect(Object.keys(revorStatusMap).sort()).toEqual(
      ['cancelled', 'failed', 'queued', 'running', 'scheduled', 'settling', 'succeeded'].sort(),
    );
  });

  it.each(['paused', 'canceled', 'SUCCEEDED', '', 'constructor', 'toString', '__proto__'])(
    'maps the undocumented word %j to unknown',
    (status) => {
      expect(mapRevorStatus(status)).toBe('unknown');
    },
  );
});
