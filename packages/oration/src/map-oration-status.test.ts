import { describe, expect, it } from 'vitest';
import { isKnownOrationStatus, mapOrationStatus, ORATION_STATUS_MAP } from './map-oration-status';

describe('mapOrationStatus', () => {
  it.each([
    ['created', 'queued'],
    ['queued', 'queued'],
    ['active', 'running'],
    ['retrying', 'retrying'],
    ['success', 'succeeded'],
    ['failed', 'failed'],
  ] as const)('maps %s to %s', (rawStatus, expected) => {
    expect(mapOrationStatus(rawStatus)).toBe(expected);
    expect(isKnownOrationStatus(rawStatus)).toBe(true);
  });

  it('covers every documented status and nothing else', () => {
    expect(Object.keys(ORATION_STATUS_MAP).sort()).toEqual(
      ['active', 'created', 'failed', 'queued', 'retrying', 'success'].sort(),
    );
  });

  it.each(['paused', 'SUCCESS', 'completed', '', 'constructor', 'toString', '__proto__'])(
    'maps the unknown word %j to unknown',
    (rawStatus) => {
      expect(mapOrationStatus(rawStatus)).toBe('unknown');
      expect(isKnownOrationStatus(rawStatus)).toBe(false);
    },
  );
});
