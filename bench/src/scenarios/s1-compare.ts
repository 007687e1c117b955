import { type CurvePoint, ratio, readCurve, type Verdict, verdict } from '../metrics';
import type { S1ContenderResult } from './s1-analysis';

/** The S1 target: at most this share of the requests, at equal or better p95 delay. */
export const S1_REQUEST_RATIO_TARGET = 0.35;

/** One of our pollers against the fixed-interval curve, read at our own p95 delay. */
export interface CurveComparison {
  readonly contender: string;
  readonly p95DelayMs: number;
  readonly requestsPerJob: number;
  /** What a fixed-interval poller with the same p95 delay costs, read off the measured curve. */
  readonly curveRequestsPerJob: number;
  /** Our p95 lay outside the measured curve, so the reading extends its nearest segment. */
  readonly extrapolated: boolean;
  readonly ratio: number;
  /**
   * The oracle's requests per job over the same curve reading: no poller can do better at this delay (one
   * request per job), so a target below this ratio cannot be met by any schedule.
   */
  readonly floorRatio: number;
  readonly verdict: Verdict;
}

/** One of our pollers against one peer at its defaults. */
export interface PeerComparison {
  readonly contender: string;
  readonly peer: string;
  readonly ratio: number;
  readonly p95DelayMs: number;
  readonly peerP95DelayMs: number;
  /** PASS needs both: few enough requests, and a p95 delay no worse than the peer's. */
  readonly verdict: Verdict;
}

/** The fixed-interval runs as (p95 delay, requests per job) points. */
export function fixedIntervalCurve(results: readonly S1ContenderResult[]): CurvePoint[] {
  return results
    .filter((result) => result.name.startsWith('fixed '))
    .map((result) => ({ x: result.delayMs.p95, y: result.requestsPerJob }));
}

/** Every comparison the S1 table reports, for each of our contenders. */
export function compareS1(results: readonly S1ContenderResult[]): {
  readonly curve: CurveComparison[];
  readonly peers: PeerComparison[];
  readonly byKind: KindComparison[];
} {
  const curvePoints = fixedIntervalCurve(results);
  const ours = results.filter((result) => result.role === 'ours');
  const peers = results.filter((result) => result.role === 'peer');
  const oracle = results.find((result) => result.role === 'oracle');
  const curve = ours.map((result) => {
    const reading = readCurve(curvePoints, result.delayMs.p95);
    const value = ratio(result.requestsPerJob, reading.y);
    return {
      contender: result.name,
      p95DelayMs: result.delayMs.p95,
      requestsPerJob: result.requestsPerJob,
      curveRequestsPerJob: reading.y,
      extrapolated: reading.extrapolated,
      ratio: value,
      floorRatio: ratio(oracle?.requestsPerJob ?? Number.NaN, reading.y),
      verdict: verdict(value, S1_REQUEST_RATIO_TARGET),
    };
  });
  const peerComparisons = ours.flatMap((result) =>
    peers.map((peer) => {
      const value = ratio(result.requestsPerJob, peer.requestsPerJob);
      const fasterOrEqual = result.delayMs.p95 <= peer.delayMs.p95;
      return {
        contender: result.name,
        peer: peer.name,
        ratio: value,
        p95DelayMs: result.delayMs.p95,
        peerP95DelayMs: peer.delayMs.p95,
        verdict: fasterOrEqual ? verdict(value, S1_REQUEST_RATIO_TARGET) : ('MISS' as const),
      };
    }),
  );
  return { curve, peers: peerComparisons, byKind: compareByKind(results) };
}

/** One contender on one kind of job, against the fixed-interval curve of that kind alone. */
export interface KindComparison {
  readonly contender: string;
  readonly kind: string;
  readonly p95DelayMs: number;
  readonly requestsPerJob: number;
  readonly curveRequestsPerJob: number;
  readonly extrapolated: boolean;
  readonly ratio: number;
  /** The oracle's requests per job of this kind over the same reading. */
  readonly floorRatio: number;
}

/**
 * Where the savings come from: for each kind of job, a contender's requests against what a fixed interval with
 * the same p95 delay on that kind costs. Every contender that is not itself a point of the curve is compared.
 */
export function compareByKind(results: readonly S1ContenderResult[]): KindComparison[] {
  const fixed = results.filter((result) => result.name.startsWith('fixed '));
  const oracle = results.find((result) => result.role === 'oracle');
  const compared = results.filter((result) => !result.name.startsWith('fixed ') && result.role !== 'oracle');
  return compared.flatMap((result) =>
    result.byKind.map((entry) => {
      const points = fixed.flatMap((point) => {
        const kindEntry = point.byKind.find((candidate) => candidate.kind === entry.kind);
        return kindEntry ? [{ x: kindEntry.delayMs.p95, y: kindEntry.requestsPerJob }] : [];
      });
      const reading = readCurve(points, entry.delayMs.p95);
      const oracleEntry = oracle?.byKind.find((candidate) => candidate.kind === entry.kind);
      return {
        contender: result.name,
        kind: entry.kind,
        p95DelayMs: entry.delayMs.p95,
        requestsPerJob: entry.requestsPerJob,
        curveRequestsPerJob: reading.y,
        extrapolated: reading.extrapolated,
        ratio: ratio(entry.requestsPerJob, reading.y),
        floorRatio: ratio(oracleEntry?.requestsPerJob ?? Number.NaN, reading.y),
      };
    }),
  );
}
