import type { Verdict } from './metrics';
import { type CurveComparison, type PeerComparison, S1_REQUEST_RATIO_TARGET } from './scenarios/s1-compare';
import { S2_MAKESPAN_RATIO_TARGET, type S2ContenderResult } from './scenarios/s2-analysis';
import { S3_CPU_RATIO_TARGET, type S3VariantResult } from './scenarios/s3-cpu';
import { S4_BYTES_PER_JOB_TARGET, type S4Row } from './scenarios/s4-memory';

/** One target of the issue, for one of our pollers, with what was measured. */
export interface TargetLine {
  readonly scenario: 'S1' | 'S2' | 'S3' | 'S4';
  readonly subject: string;
  readonly target: string;
  readonly measured: string;
  readonly verdict: Verdict;
}

export function formatRatio(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(2)}×` : 'n/a';
}

export function formatSeconds(ms: number, digits = 1): string {
  return Number.isFinite(ms) ? `${(ms / 1000).toFixed(digits)} s` : 'n/a';
}

function s1Lines(curve: readonly CurveComparison[], peers: readonly PeerComparison[]): TargetLine[] {
  const target = `≤ ${S1_REQUEST_RATIO_TARGET}×`;
  return [
    ...curve.map((comparison) => ({
      scenario: 'S1' as const,
      subject: `${comparison.contender} vs fixed-interval curve at its p95 (${formatSeconds(comparison.p95DelayMs)})`,
      target: `${target} requests`,
      measured:
        `${formatRatio(comparison.ratio)}${comparison.extrapolated ? ' (curve extended)' : ''}; ` +
        `best possible ${formatRatio(comparison.floorRatio)}`,
      verdict: comparison.verdict,
    })),
    ...peers.map((comparison) => ({
      scenario: 'S1' as const,
      subject: `${comparison.contender} vs ${comparison.peer} (defaults)`,
      target: `${target} requests, p95 ≤ peer's`,
      measured: `${formatRatio(comparison.ratio)}, p95 ${formatSeconds(comparison.p95DelayMs)} vs ${formatSeconds(comparison.peerP95DelayMs)}`,
      verdict: comparison.verdict,
    })),
  ];
}

function s2Lines(results: readonly S2ContenderResult[]): TargetLine[] {
  return results
    .filter((result) => result.role === 'ours')
    .flatMap((result) => [
      {
        scenario: 'S2' as const,
        subject: `${result.name}: 429 responses`,
        target: '0',
        measured: String(result.rateLimited),
        verdict: result.rateLimitedVerdict,
      },
      {
        scenario: 'S2' as const,
        subject: `${result.name}: makespan vs lower bound`,
        target: `≤ ${S2_MAKESPAN_RATIO_TARGET}×`,
        measured:
          result.unfinished + result.gaveUp > 0
            ? `${result.unfinished + result.gaveUp} jobs never seen finished`
            : `${formatRatio(result.makespanRatio)} (${formatSeconds(result.makespanMs)} vs ${formatSeconds(result.lowerBoundMs)})`,
        verdict: result.makespanVerdict,
      },
    ]);
}

function s3Lines(variants: readonly S3VariantResult[]): TargetLine[] {
  return variants.flatMap((variant) =>
    variant.verdict === null
      ? []
      : [
          {
            scenario: 'S3' as const,
            subject: `${variant.name}: client CPU per poll vs raw fetch`,
            target: `≤ ${S3_CPU_RATIO_TARGET}×`,
            measured: `${formatRatio(variant.ratio)} (${variant.microsPerPoll.toFixed(0)} µs)`,
            verdict: variant.verdict,
          },
        ],
  );
}

function s4Lines(rows: readonly S4Row[]): TargetLine[] {
  return rows.flatMap((row) =>
    row.verdict === null
      ? []
      : [
          {
            scenario: 'S4' as const,
            subject: `heap per tracked job, ${row.variant}, ${row.jobs.toLocaleString('en-US')} jobs`,
            target: `≤ ${S4_BYTES_PER_JOB_TARGET / 1024} KiB`,
            measured: `${(row.bytesPerJob / 1024).toFixed(2)} KiB`,
            verdict: row.verdict,
          },
        ],
  );
}

/** Every target line of the scenarios that ran. */
export function collectTargets(parts: {
  readonly s1?: { readonly curve: readonly CurveComparison[]; readonly peers: readonly PeerComparison[] };
  readonly s2?: readonly S2ContenderResult[];
  readonly s3?: readonly S3VariantResult[];
  readonly s4?: readonly S4Row[];
}): TargetLine[] {
  return [
    ...(parts.s1 ? s1Lines(parts.s1.curve, parts.s1.peers) : []),
    ...(parts.s2 ? s2Lines(parts.s2) : []),
    ...(parts.s3 ? s3Lines(parts.s3) : []),
    ...(parts.s4 ? s4Lines(parts.s4) : []),
  ];
}
