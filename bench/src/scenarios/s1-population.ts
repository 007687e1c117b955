import { createSeededRandom } from '../random';

/** The kinds of job in the S1 mix; each is a different reason for a job to take long or to finish soon. */
export type S1JobKind =
  /** A Revor dispatch in a batch on one account: Revor paces them by `scheduled_at`, minutes apart. */
  | 'revor-batch'
  /** An OutX task: `pending` until the team's browser extension runs it (closed for a while in this run). */
  | 'outx-extension'
  /** A RevKeen run that stops at `awaiting_approval` until a person approves it. */
  | 'revkeen-approval'
  /** A plain Oration job: log-normal duration, median about 1 s, long tail. */
  | 'oration-plain'
  /** A plain RevKeen run, same spread. */
  | 'revkeen-plain';

export const S1_JOB_KINDS: readonly S1JobKind[] = [
  'revor-batch',
  'outx-extension',
  'revkeen-approval',
  'oration-plain',
  'revkeen-plain',
];

/** The operation label a caller would give each kind (the tracker learns durations per label). */
export const S1_OPERATIONS: Readonly<Record<S1JobKind, string>> = {
  'revor-batch': 'dispatch',
  'outx-extension': 'fetch-profile',
  'revkeen-approval': 'refund-review',
  'oration-plain': 'customers-batch',
  'revkeen-plain': 'chase-invoices',
};

export type RevorChannelName = 'email' | 'linkedin' | 'whatsapp';

/** One job to create, at a time in the vendor's clock (ms after the run starts). */
export interface S1Arrival {
  readonly atMs: number;
  readonly kind: S1JobKind;
  /** Position among the jobs of its kind. */
  readonly index: number;
  /** `revor-batch`: the channel, whose account paces the batch. */
  readonly channel?: RevorChannelName;
  /** `revkeen-approval`: how long the person takes to approve once asked (vendor ms). */
  readonly approvalDelayMs?: number;
}

/** The size and shape of the S1 population. All times are the vendor's (unscaled). */
export interface S1PopulationOptions {
  /** Revor: dispatches per channel, all created at the start, paced `revorGapSeconds` apart per channel. */
  readonly revorPerChannel: number;
  readonly revorChannels: readonly RevorChannelName[];
  readonly revorGapSeconds: number;
  readonly outxTasks: number;
  readonly approvalRuns: number;
  readonly approvalMedianMs: number;
  readonly approvalSigma: number;
  readonly orationPlain: number;
  readonly revkeenPlain: number;
  /** Jobs other than the Revor batch arrive as a Poisson process over this window. */
  readonly arrivalWindowMs: number;
}

/**
 * The S1 population: the Revor batch at time 0, every other job at a seeded random time within the arrival
 * window, approval delays drawn log-normally. Pure: the same options and seed give the same arrivals, which is
 * what lets every contender face the same jobs.
 */
export function buildS1Population(options: S1PopulationOptions, seed: number): S1Arrival[] {
  const random = createSeededRandom(seed);
  const arrivals: S1Arrival[] = [];
  let revorIndex = 0;
  for (let round = 0; round < options.revorPerChannel; round += 1) {
    for (const channel of options.revorChannels) {
      arrivals.push({ atMs: 0, kind: 'revor-batch', index: revorIndex, channel });
      revorIndex += 1;
    }
  }
  const spread = (kind: S1JobKind, count: number, extra?: (index: number) => Partial<S1Arrival>) => {
    for (let index = 0; index < count; index += 1) {
      const atMs = Math.round(random.next() * options.arrivalWindowMs);
      arrivals.push({ atMs, kind, index, ...extra?.(index) });
    }
  };
  spread('outx-extension', options.outxTasks);
  spread('revkeen-approval', options.approvalRuns, () => ({
    approvalDelayMs: Math.round(random.logNormal(options.approvalMedianMs, options.approvalSigma)),
  }));
  spread('oration-plain', options.orationPlain);
  spread('revkeen-plain', options.revkeenPlain);
  // Stable: the batch keeps its order at time 0, and ties keep their draw order.
  return arrivals.sort((a, b) => a.atMs - b.atMs);
}
