import type { JobTruth } from '@asyncjob/simulator';
import { type Summary, summarize } from '../metrics';
import { truthKey } from './job-ledger';
import type { S1Run } from './s1-mix';
import { S1_JOB_KINDS } from './s1-population';

/** One kind of job, for one contender. */
export interface S1KindResult {
  readonly kind: string;
  readonly jobs: number;
  readonly requestsPerJob: number;
  /** Detection delay in the vendor's time (ms). */
  readonly delayMs: Summary;
}

/** One contender's S1 numbers. Times are the vendor's (real time divided by the time scale). */
export interface S1ContenderResult {
  readonly name: string;
  readonly role: string;
  readonly description: string;
  readonly jobs: number;
  /** Jobs the contender saw finish. */
  readonly seen: number;
  /** Jobs it gave up on (an error ended the wait). */
  readonly gaveUp: number;
  /** Jobs still waited on at the deadline. */
  readonly unfinished: number;
  /** Lookups sent by the contender's clients, and the simulator's own count of GETs (they should agree). */
  readonly requests: number;
  readonly serverLookups: number;
  readonly requestsPerJob: number;
  readonly rateLimited: number;
  readonly delayMs: Summary;
  readonly byKind: readonly S1KindResult[];
  readonly createFailures: number;
  readonly wallSeconds: number;
}

/** The S1 numbers of one run: requests per job and detection delay, overall and per kind of job. */
export function analyzeS1Run(run: S1Run, timeScale: number): S1ContenderResult {
  const truths = truthsByKey(run);
  const delays = new Map<string, number>();
  for (const record of run.records) {
    const finishedAt = truths.get(record.truthKey)?.finishedAtMs ?? null;
    if (record.seenAtMs !== null && finishedAt !== null) {
      delays.set(record.ref, Math.max(0, record.seenAtMs - finishedAt) / timeScale);
    }
  }
  const requests = run.records.reduce((sum, record) => sum + record.requests, 0);
  const byKind = S1_JOB_KINDS.map((kind) => {
    const records = run.records.filter((record) => record.kind === kind);
    const kindRequests = records.reduce((sum, record) => sum + record.requests, 0);
    return {
      kind,
      jobs: records.length,
      requestsPerJob: records.length === 0 ? Number.NaN : kindRequests / records.length,
      delayMs: summarize(records.flatMap((record) => delays.get(record.ref) ?? [])),
    };
  });
  const seen = run.records.filter((record) => record.seenAtMs !== null).length;
  const gaveUp = run.records.filter((record) => record.seenAtMs === null && record.failure !== null).length;
  return {
    name: run.contender.name,
    role: run.contender.role,
    description: run.contender.description,
    jobs: run.records.length,
    seen,
    gaveUp,
    unfinished: run.records.length - seen - gaveUp,
    requests,
    serverLookups: run.serverLookups,
    requestsPerJob: run.records.length === 0 ? Number.NaN : requests / run.records.length,
    rateLimited: run.rateLimited,
    delayMs: summarize([...delays.values()]),
    byKind,
    createFailures: run.createFailures,
    wallSeconds: run.wallMs / 1000,
  };
}

/** Whether every contender faced the same jobs: the same fates, and the same durations within a gap. */
export interface PopulationCheck {
  readonly sameFates: boolean;
  /**
   * The largest difference between two runs in how long a job took (vendor ms), over jobs whose duration depends
   * only on the seed: a plain job from its own creation, a Revor batch task from the batch's first creation (its
   * pacing slot is part of it). Approval runs and OutX tasks depend on when a person or the extension acted.
   */
  readonly maxDurationGapMs: number;
  /** The latest any job was created after its planned arrival, over all runs (vendor ms): the harness's lag. */
  readonly maxCreateLateMs: number;
  readonly jobs: number;
}

const PLAIN_KINDS: ReadonlySet<string> = new Set(['oration-plain', 'revkeen-plain']);

export function checkPopulation(runs: readonly S1Run[], timeScale: number): PopulationCheck {
  const fingerprints = runs.map((run) => {
    const truths = truthsByKey(run);
    const batchCreated = run.records
      .filter((record) => record.kind === 'revor-batch')
      .flatMap((record) => truths.get(record.truthKey)?.createdAtMs ?? []);
    const batchOrigin = Math.min(...batchCreated);
    return run.records.map((record) => {
      const truth = truths.get(record.truthKey);
      const from = PLAIN_KINDS.has(record.kind)
        ? truth?.createdAtMs
        : record.kind === 'revor-batch'
          ? batchOrigin
          : undefined;
      const duration =
        truth?.finishedAtMs != null && from !== undefined ? (truth.finishedAtMs - from) / timeScale : null;
      return { fate: `${record.kind}/${truth?.plannedOutcome ?? '?'}`, duration };
    });
  });
  const maxCreateLateMs = Math.max(0, ...runs.map((run) => run.maxCreateLateMs)) / timeScale;
  const [first, ...others] = fingerprints;
  if (!first) return { sameFates: true, maxDurationGapMs: 0, maxCreateLateMs, jobs: 0 };
  let sameFates = true;
  let maxDurationGapMs = 0;
  for (const other of others) {
    if (other.length !== first.length) sameFates = false;
    for (const [position, entry] of other.entries()) {
      const reference = first[position];
      if (!reference || reference.fate !== entry.fate) {
        sameFates = false;
        continue;
      }
      if (reference.duration !== null && entry.duration !== null) {
        maxDurationGapMs = Math.max(maxDurationGapMs, Math.abs(reference.duration - entry.duration));
      }
    }
  }
  return { sameFates, maxDurationGapMs, maxCreateLateMs, jobs: first.length };
}

function truthsByKey(run: S1Run): Map<string, JobTruth> {
  return new Map(run.truths.map((truth) => [truthKey(truth), truth]));
}
