import { sampleDuration } from './durations';
import { buildJobPlan, type JobPlan, type PlannedOutcome } from './job-plan';
import type { Random } from './prng';
import type { SimulateDirective } from './simulate-directive';
import type { ResolvedVendorSettings } from './simulator-options';

/** A new job's fate, drawn once at creation. */
export interface SampledJob {
  readonly plan: JobPlan;
  /** RevKeen: the run waits for an approval. */
  readonly approval: boolean;
  /** Revor post-likes: the job succeeds with `skipped`. */
  readonly skipped: boolean;
  /** A uniform draw in [0, 1) for vendor details (which error, which resolved action). */
  readonly detail: number;
}

/** Where a job starts on the time line. */
export interface SampleJobTiming {
  readonly createdAt: number;
  readonly eligibleAt?: number;
  readonly timeScale: number;
}

function drawOutcome(draw: number, settings: ResolvedVendorSettings): PlannedOutcome {
  if (draw < settings.outcomes.failed) return 'failed';
  if (draw < settings.outcomes.failed + settings.outcomes.cancelled) return 'cancelled';
  return 'succeeded';
}

/**
 * Draws a job's durations and outcome from the vendor settings; the directive's fields win. The same number of
 * random values is used whatever the directive says, so forcing one job does not change the next one.
 */
export function sampleJob(
  random: Random,
  settings: ResolvedVendorSettings,
  directive: SimulateDirective,
  timing: SampleJobTiming,
): SampledJob {
  const queuedMs = sampleDuration(random, settings.durations.queued, timing.timeScale);
  const runMs = sampleDuration(random, settings.durations.run, timing.timeScale);
  const retryDelayMs = sampleDuration(random, settings.durations.retryDelay, timing.timeScale);
  const outcome = drawOutcome(random.next(), settings);
  const retried = random.next() < settings.outcomes.retry;
  const extraRetry = random.next() < 0.3;
  const approval = random.next() < settings.outcomes.approval;
  const skipped = random.next() < settings.outcomes.skipped;
  const detail = random.next();
  const plan = buildJobPlan({
    createdAt: timing.createdAt,
    eligibleAt: timing.eligibleAt,
    queuedMs: directive.queuedMs ?? queuedMs,
    runMs: directive.runMs ?? runMs,
    retries: directive.retries ?? (retried ? (extraRetry ? 2 : 1) : 0),
    retryDelayMs,
    outcome: directive.outcome ?? outcome,
  });
  return { plan, approval: directive.approval ?? approval, skipped, detail };
}
