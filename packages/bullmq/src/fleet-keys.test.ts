import { describe, expect, it } from 'vitest';
import { jobIdOf, outcomeKeyOf, queueNameOf, refOfJobId, settledStreamKeyOf } from './fleet-keys';

describe('fleet keys', () => {
  it.each([
    ['revor:job_123', 'revor%3Ajob_123'],
    ['revkeen:9a1e4c2b/run_42', 'revkeen%3A9a1e4c2b%2Frun_42'],
    ['outx:12345', 'outx%3A12345'],
  ])('encodes %s as a BullMQ id without ":" and back', (ref, id) => {
    expect(jobIdOf(ref)).toBe(id);
    expect(jobIdOf(ref)).not.toContain(':');
    expect(refOfJobId(id)).toBe(ref);
  });

  it('never makes an id BullMQ would read as an integer', () => {
    expect(Number.isNaN(Number.parseInt(jobIdOf('outx:1'), 10))).toBe(true);
  });

  it('names one queue per provider and keeps its own keys apart from BullMQ queues', () => {
    expect(queueNameOf('revor')).toBe('revor');
    expect(outcomeKeyOf('asyncjob', 'revor:1')).toBe('asyncjob:_fleet:outcome:revor%3A1');
    expect(settledStreamKeyOf('asyncjob')).toBe('asyncjob:_fleet:settled');
  });
});
