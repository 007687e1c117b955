import type { AsyncJob } from '@asyncjob/core';
import type { JobTruth } from '@asyncjob/simulator';
import { simulatorJobId, simulatorVendor } from '../contenders/contender';

/** What one contender did with one job. */
export interface JobRecord {
  readonly ref: string;
  /** The simulator's `vendor:id` of the job, to find its truth. */
  readonly truthKey: string;
  readonly kind: string;
  /** The job's position in the population (creation order), the same for every contender. */
  readonly position: number;
  /** When the contender first held its terminal snapshot (epoch ms), or null. */
  seenAtMs: number | null;
  /** Why the contender gave up on it, or null. */
  failure: string | null;
  /** Lookups the contender sent for it. */
  requests: number;
}

/** The records of one contender's run, filled by the contender's callbacks and the clients' lookup counter. */
export interface JobLedger {
  register(job: AsyncJob, kind: string, position: number): void;
  seen(job: AsyncJob): void;
  failed(ref: string, reason: string): void;
  /** Hears every lookup sent by the contender's clients. */
  countLookup(provider: string, id: string): void;
  /** The deadline passed: what the contender reports from now on (its waits ending) is not a give-up. */
  close(): void;
  records(): JobRecord[];
}

export function truthKey(truth: Pick<JobTruth, 'vendor' | 'id'>): string {
  return `${truth.vendor}:${truth.id}`;
}

export function createJobLedger(): JobLedger {
  const byRef = new Map<string, JobRecord>();
  let closed = false;
  return {
    register(job, kind, position) {
      byRef.set(job.ref, {
        ref: job.ref,
        truthKey: `${simulatorVendor(job)}:${simulatorJobId(job)}`,
        kind,
        position,
        seenAtMs: null,
        failure: null,
        requests: 0,
      });
    },
    seen(job) {
      if (closed) return;
      const now = Date.now();
      const record = byRef.get(job.ref);
      if (record && record.seenAtMs === null) record.seenAtMs = now;
    },
    failed(ref, reason) {
      if (closed) return;
      const record = byRef.get(ref);
      if (record && record.seenAtMs === null && record.failure === null) record.failure = reason;
    },
    countLookup(provider, id) {
      const record = byRef.get(`${provider}:${id}`);
      if (record) record.requests += 1;
    },
    close: () => {
      closed = true;
    },
    records: () => [...byRef.values()].sort((a, b) => a.position - b.position),
  };
}
