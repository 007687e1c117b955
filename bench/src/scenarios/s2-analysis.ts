import type { S2Config } from '../config';
import { rateLimitedLowerBound, ratio, type Verdict, verdict } from '../metrics';
import { truthKey } from './job-ledger';
import type { S2Run } from './s2-rate-limit';

/** The S2 targets: no 429 at all, and a makespan within 15 % of the lower bound. */
export const S2_MAKESPAN_RATIO_TARGET = 1.15;

/** One contender's S2 numbers (real time: S2 is not compressed). */
export interface S2ContenderResult {
  readonly name: string;
  readonly role: string;
  readonly description: string;
  readonly jobs: number;
  readonly seen: number;
  readonly gaveUp: number;
  readonly unfinished: number;
  readonly lookups: number;
  readonly rateLimited: number;
  /** From the hand-over to the last job seen finished; NaN when some job was never seen. */
  readonly makespanMs: number;
  /** The least makespan any poller could reach under the limit, from the jobs' real finish times. */
  readonly lowerBoundMs: number;
  readonly makespanRatio: number;
  readonly rateLimitedVerdict: Verdict;
  readonly makespanVerdict: Verdict;
  readonly createSeconds: number;
}

export function analyzeS2Run(run: S2Run, config: S2Config): S2ContenderResult {
  const truths = new Map(run.truths.map((truth) => [truthKey(truth), truth]));
  const finishTimes = run.records.flatMap((record) => truths.get(record.truthKey)?.finishedAtMs ?? []);
  const lowerBoundMs =
    rateLimitedLowerBound(finishTimes, run.handoverAt, { limit: config.limit, windowMs: config.windowMs }) -
    run.handoverAt;
  const seenTimes = run.records.flatMap((record) => record.seenAtMs ?? []);
  const seen = seenTimes.length;
  const gaveUp = run.records.filter((record) => record.seenAtMs === null && record.failure !== null).length;
  const makespanMs =
    seen === run.records.length && seen > 0 ? Math.max(...seenTimes) - run.handoverAt : Number.NaN;
  const makespanRatio = ratio(makespanMs, lowerBoundMs);
  return {
    name: run.contender.name,
    role: run.contender.role,
    description: run.contender.description,
    jobs: run.records.length,
    seen,
    gaveUp,
    unfinished: run.records.length - seen - gaveUp,
    lookups: run.records.reduce((sum, record) => sum + record.requests, 0),
    rateLimited: run.rateLimited,
    makespanMs,
    lowerBoundMs,
    makespanRatio,
    rateLimitedVerdict: run.rateLimited === 0 ? 'PASS' : 'MISS',
    makespanVerdict: verdict(makespanRatio, S2_MAKESPAN_RATIO_TARGET),
    createSeconds: run.createMs / 1000,
  };
}
