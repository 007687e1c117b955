import type { Random } from './prng';

/** A log-normal spread of durations around a median. */
export interface DurationSpec {
  /** Half of the sampled durations are shorter than this. */
  readonly medianMs: number;
  /**
   * The spread (standard deviation of the logarithm); 0 gives exactly the median.
   * @default 0.5
   */
  readonly sigma?: number;
  /** Lower bound of a sample. @default 0 */
  readonly minMs?: number;
  /** Upper bound of a sample. @default 20 times the median */
  readonly maxMs?: number;
}

/** A fixed duration in milliseconds, or a log-normal spread. */
export type DurationSetting = number | DurationSpec;

/**
 * Draws one duration, multiplied by `scale`. It always consumes the same number of random values, so changing one
 * setting from a spread to a fixed number does not shift the rest of a seeded run.
 */
export function sampleDuration(random: Random, setting: DurationSetting, scale = 1): number {
  const normal = random.normal();
  if (typeof setting === 'number') return Math.max(0, Math.round(setting * scale));
  const sigma = setting.sigma ?? 0.5;
  const raw = setting.medianMs * Math.exp(sigma * normal);
  const bounded = Math.min(setting.maxMs ?? setting.medianMs * 20, Math.max(setting.minMs ?? 0, raw));
  return Math.max(0, Math.round(bounded * scale));
}
