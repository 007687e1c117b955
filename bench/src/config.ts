import type { S1PopulationOptions } from './scenarios/s1-population';

/** S1: the realistic mix, in compressed time. */
export interface S1Config {
  readonly seed: number;
  /** Simulated duration per real duration (0.02: one vendor minute takes 1.2 real seconds). */
  readonly timeScale: number;
  readonly population: S1PopulationOptions;
  /** OutX's extension is closed over this window of the run (vendor ms). */
  readonly extensionClosedFromMs: number;
  readonly extensionClosedUntilMs: number;
  /** The intervals of the fixed-interval curve (vendor ms). */
  readonly fixedIntervalsMs: readonly number[];
  /** Stop waiting this long (vendor ms) after the last job was created. */
  readonly graceMs: number;
}

/** S2: many jobs against one key's rate limit, in real time. */
export interface S2Config {
  readonly seed: number;
  readonly jobs: number;
  readonly limit: number;
  readonly windowMs: number;
  /** The median run time of a task (Revor's default is 6 s; the quick run uses shorter ones so that the limit,
   * not the slowest task, bounds its makespan). */
  readonly runMedianMs: number;
  /** Give up this long after the hand-over (real ms). */
  readonly capMs: number;
}

/** S3: client CPU per poll. */
export interface S3Config {
  readonly polls: number;
  readonly concurrency: number;
  readonly rounds: number;
}

/** S4: heap per tracked job. */
export interface S4Config {
  readonly sizes: readonly number[];
}

export interface BenchConfig {
  readonly mode: 'full' | 'quick';
  readonly s1: S1Config;
  readonly s2: S2Config;
  readonly s3: S3Config;
  readonly s4: S4Config;
}

const SEED = 20_240_611;

/** The full run: the sizes the issue asks for, in about seven minutes. */
export const FULL_CONFIG: BenchConfig = {
  mode: 'full',
  s1: {
    seed: SEED,
    timeScale: 0.2,
    population: {
      revorPerChannel: 6,
      revorChannels: ['email', 'linkedin', 'whatsapp'],
      revorGapSeconds: 120,
      outxTasks: 40,
      approvalRuns: 20,
      approvalMedianMs: 45_000,
      approvalSigma: 0.7,
      orationPlain: 150,
      revkeenPlain: 50,
      arrivalWindowMs: 300_000,
    },
    extensionClosedFromMs: 60_000,
    extensionClosedUntilMs: 240_000,
    fixedIntervalsMs: [1_000, 2_000, 5_000, 10_000, 20_000, 40_000, 80_000],
    graceMs: 900_000,
  },
  s2: { seed: SEED, jobs: 2_000, limit: 50, windowMs: 1_000, runMedianMs: 6_000, capMs: 180_000 },
  s3: { polls: 2_000, concurrency: 16, rounds: 5 },
  s4: { sizes: [10_000, 100_000] },
};

/** The reduced run: the same scenarios, smaller, in under a minute. */
export const QUICK_CONFIG: BenchConfig = {
  mode: 'quick',
  s1: {
    seed: SEED,
    timeScale: 0.03,
    population: {
      revorPerChannel: 3,
      revorChannels: ['email', 'linkedin', 'whatsapp'],
      revorGapSeconds: 120,
      outxTasks: 16,
      approvalRuns: 8,
      approvalMedianMs: 45_000,
      approvalSigma: 0.7,
      orationPlain: 60,
      revkeenPlain: 20,
      arrivalWindowMs: 150_000,
    },
    extensionClosedFromMs: 30_000,
    extensionClosedUntilMs: 120_000,
    fixedIntervalsMs: [2_000, 5_000, 20_000],
    graceMs: 600_000,
  },
  s2: { seed: SEED, jobs: 200, limit: 50, windowMs: 1_000, runMedianMs: 1_000, capMs: 12_000 },
  s3: { polls: 400, concurrency: 16, rounds: 3 },
  s4: { sizes: [10_000] },
};
