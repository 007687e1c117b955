/**
 * Learns how long a phase of a job takes (e.g. `revor/dispatch` running → done) from the jobs it has seen,
 * in a fixed-size ring per key, and answers quantile questions. Memory is bounded by `capacity` per key.
 */
export class DurationLearner {
  readonly #capacity: number;
  readonly #samples = new Map<string, { values: number[]; next: number; sorted: number[] | null }>();

  constructor(capacity = 256) {
    this.#capacity = capacity;
  }

  record(key: string, durationMs: number): void {
    if (!Number.isFinite(durationMs) || durationMs < 0) return;
    let ring = this.#samples.get(key);
    if (!ring) {
      ring = { values: [], next: 0, sorted: null };
      this.#samples.set(key, ring);
    }
    if (ring.values.length < this.#capacity) ring.values.push(durationMs);
    else ring.values[ring.next] = durationMs;
    ring.next = (ring.next + 1) % this.#capacity;
    ring.sorted = null;
  }

  count(key: string): number {
    return this.#samples.get(key)?.values.length ?? 0;
  }

  /** The share of samples at or below `durationMs` (0 without samples). */
  cdf(key: string, durationMs: number): number {
    const sorted = this.#sorted(key);
    if (sorted.length === 0) return 0;
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((sorted[middle] as number) <= durationMs) low = middle + 1;
      else high = middle;
    }
    return low / sorted.length;
  }

  /** The duration below which a share `q` of samples falls, interpolated; undefined without samples. */
  quantile(key: string, q: number): number | undefined {
    const sorted = this.#sorted(key);
    if (sorted.length === 0) return undefined;
    const position = Math.min(1, Math.max(0, q)) * (sorted.length - 1);
    const below = Math.floor(position);
    const above = Math.min(sorted.length - 1, below + 1);
    const fraction = position - below;
    return (sorted[below] as number) * (1 - fraction) + (sorted[above] as number) * fraction;
  }

  /** Every key's samples, for a snapshot. */
  export(): Record<string, number[]> {
    return Object.fromEntries([...this.#samples].map(([key, ring]) => [key, [...ring.values]]));
  }

  import(samples: Readonly<Record<string, readonly number[]>>): void {
    for (const [key, values] of Object.entries(samples)) for (const value of values) this.record(key, value);
  }

  #sorted(key: string): number[] {
    const ring = this.#samples.get(key);
    if (!ring) return [];
    ring.sorted ??= [...ring.values].sort((a, b) => a - b);
    return ring.sorted;
  }
}

/** How the adaptive schedule spends checks over a learned distribution. */
export interface AdaptiveOptions {
  /** Samples needed before the learned distribution is trusted. @default 8 */
  readonly minSamples: number;
  /**
   * The share of the remaining completion probability each check should cover: 0.5 checks when half of the
   * jobs still running at this age will have finished. @default 0.5
   */
  readonly step: number;
}

/**
 * The wait until the next check of a job of `age` ms in its phase, placed where the learned distribution says
 * the next `step` share of the jobs still running will have finished; undefined when too little is known.
 */
export function proposeAdaptiveDelay(
  learner: DurationLearner,
  key: string,
  ageMs: number,
  options: AdaptiveOptions,
): number | undefined {
  if (learner.count(key) < options.minSamples) return undefined;
  const done = learner.cdf(key, ageMs);
  if (done >= 0.99) return undefined; // past what we have seen: fall back to the backoff
  const target = done + options.step * (1 - done);
  const at = learner.quantile(key, target);
  if (at === undefined) return undefined;
  return Math.max(0, at - ageMs);
}
