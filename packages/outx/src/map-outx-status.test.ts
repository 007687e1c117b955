import type { JobStatus } from '@asyncjob/core';
import { describe, expect, it } from 'vitest';
import { mapOutxStatus, outxStatusTable } from './map-outx-status';

describe('mapOutxStatus', () => {
  it.each<[string, JobStatus]>([
    ['pending', 'queued'],
    ['completed', 'succeeded'],
  ])('maps the documented status %s to %s', (rawStatus, expected) => {
    expect(mapOutxStatus(rawStatus)).toBe(expected);
  });

  it('covers every documented status in its table', () => {
    expect(outxStatusTable).toEqual({ pending: 'queued', completed: 'succeeded' });
  });

  it.each(['running', 'failed', 'cancelled', 'processing', '', 'pending_review'])(
    'maps the undocumented word "%s" to unknown',
    (rawStatus) => {
      expect(mapOutxStatus(rawStatus)).toBe('unknown');
    },
  );

  it('ignores case and surrounding spaces', () => {
    expect(mapOutxStatus(' Completed ')).toBe('succeeded');
    expect(mapOutxStatus('PENDING')).toBe('queued');
  });

  it('does not read inherited properties as statuses', () => {
    expect(mapOutxStatus('constructor')).toBe('unknown');
    expect(mapOutxStatus('__proto__')).toBe('unknown');
  });
});
