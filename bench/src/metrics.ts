/** Pure statistics of the benchmark: percentiles, ratios, the equal-delay curve and the rate-limit lower bound. */

/** The spread of a sample. Every field is NaN for an empty sample. */
export interface Summary {
  readonly count: number;
  readonly p50: number;
  readonly p95: number;
  readonly max: number;
  readonly mean: number;
}

/**
 * The nearest-rank percentile: the smallest value that at least `p` percent of the sample is at or below.
 * No interpolation, so a reported p95 is always a value that was observed. NaN for an empty sample.
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] as number;
}

/** The nearest-rank median (for an odd count, the middle value). */
export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** p50, p95, max and mean of a sample. */
export function summarize(values: readonly number[]): Summary {
  if (values.length === 0) {
    return { count: 0, p50: Number.NaN, p95: Number.NaN, max: Number.NaN, mean: Number.NaN };
  }
  const total = values.reduce((sum, value) => sum + value, 0);
  return {
    count: values.length,
    p50: percentile(values, 50),
    p95: percentile(values, 95),
    max: Math.max(...values),
    mean: total / values.length,
  };
}

/** `value / reference`; NaN when the reference is not a positive number. */
export function ratio(value: number, reference: number): number {
  if (!(reference > 0) || !Number.isFinite(value)) return Number.NaN;
  return value / reference;
}

/** Whether a ratio meets a target that it must not exceed (NaN never does). */
export type Verdict = 'PASS' | 'MISS';

export function verdict(value: number, atMost: number): Verdict {
  return Number.isFinite(value) && value <= atMost ? 'PASS' : 'MISS';
}

/** One point of a cost/latency curve, e.g. a fixed-interval poller at one interval. */
export interface CurvePoint {
  /** The latency, e.g. p95 detection delay in ms. */
  readonly x: number;
  /** The cost, e.g. requests per job. */
  readonly y: number;
}

/** The curve's cost at one latency, and whether that latency lay outside the measured points. */
export interface CurveReading {
  readonly y: number;
  readonly extrapolated: boolean;
}

/**
 * Reads a cost/latency curve at latency `x`, linearly in log-log space between the two measured points around
 * it (a fixed-interval poller's cost falls roughly as 1/interval, which is a straight line there). Outside the
 * measured range it says so and errs against the contender being compared: below the fastest point it takes that
 * point's cost (a faster fixed poller would cost more), above the slowest it extends the last segment downwards.
 * NaN with fewer than two usable points.
 */
export function readCurve(points: readonly CurvePoint[], x: number): CurveReading {
  const usable = points
    .filter((point) => point.x > 0 && point.y > 0 && Number.isFinite(point.x) && Number.isFinite(point.y))
    .sort((a, b) => a.x - b.x);
  if (usable.length < 2 || !(x > 0)) return { y: Number.NaN, extrapolated: false };
  const first = usable[0] as CurvePoint;
  const last = usable[usable.length - 1] as CurvePoint;
  if (x < first.x) return { y: first.y, extrapolated: true };
  const extrapolated = x > last.x;
  const index = extrapolated
    ? usable.length - 1
    : Math.max(
        1,
        usable.findIndex((point) => point.x >= x),
      );
  const left = usable[index - 1] as CurvePoint;
  const right = usable[index] as CurvePoint;
  if (left.x === right.x) return { y: Math.min(left.y, right.y), extrapolated };
  const slope = (Math.log(right.y) - Math.log(left.y)) / (Math.log(right.x) - Math.log(left.x));
  const y = Math.exp(Math.log(left.y) + slope * (Math.log(x) - Math.log(left.x)));
  return { y, extrapolated };
}

/** A per-key budget of `limit` requests per fixed window of `windowMs`, the window starting at its first request. */
export interface FixedWindowLimit {
  readonly limit: number;
  readonly windowMs: number;
}

/**
 * The earliest time at which every job can have been seen finished, given one lookup per job at or after its
 * finish time, no lookup before `startAt`, and a fixed-window limit like the simulator's (a window opens at the
 * first request after the previous one closed). Each lookup goes at the earliest moment allowed, in order of
 * finish time; no schedule can see the k-th finished job sooner. Returns `startAt` when there are no jobs.
 */
export function rateLimitedLowerBound(
  finishTimes: readonly number[],
  startAt: number,
  limit: FixedWindowLimit,
): number {
  const sorted = [...finishTimes].sort((a, b) => a - b);
  let windowStart = Number.NEGATIVE_INFINITY;
  let used = 0;
  let last = startAt;
  for (const finishedAt of sorted) {
    let at = Math.max(last, finishedAt, startAt);
    if (at >= windowStart + limit.windowMs) {
      windowStart = at;
      used = 0;
    } else if (used >= limit.limit) {
      at = windowStart + limit.windowMs;
      windowStart = at;
      used = 0;
    }
    used += 1;
    last = at;
  }
  return last;
}
