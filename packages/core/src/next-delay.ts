import type { AsyncJob } from './async-job';
import type { PollingAdvice } from './async-job-client';
import type { AsyncJobError } from './async-job-error';
import { MAX_TIMER_DELAY_MS } from './delay';
import { type ResponseHints, rateLimitWaitMs } from './response-hints';

/** How the backoff grows and spreads. */
export interface BackoffOptions {
  /** The shortest wait between two checks. */
  readonly minDelayMs: number;
  /** The longest wait the backoff grows to (server hints such as `scheduledAt` may ask for longer). */
  readonly maxDelayMs: number;
  /** The first wait's ceiling: the provider's advice, clamped to [min, max]. */
  readonly initialDelayMs: number;
  /** How much the ceiling grows per check. */
  readonly factor: number;
  /** `full`: uniform between min and the ceiling; `none`: the ceiling itself. */
  readonly jitter: 'full' | 'none';
  /** How long before the deadline the last check is placed, so it can finish in time. */
  readonly finalCheckLeadMs: number;
}

/** Everything the next delay depends on; the function is pure, so it is tested as a table. */
export interface NextDelayInput {
  /** Checks since the job's status last changed (0 before the second check of a phase). */
  readonly attempt: number;
  readonly job: AsyncJob | null;
  /** The last check's error, when it failed with a retryable one. */
  readonly error: AsyncJobError | null;
  /** What the last response's headers said. */
  readonly hints: ResponseHints | null;
  readonly backoff: BackoffOptions;
  readonly now: number;
  /** Epoch ms, or null for no deadline. */
  readonly deadline: number | null;
  /** Uniform in [0, 1). */
  readonly random: () => number;
  /**
   * A wait proposed by a learned schedule (the tracker's), used instead of the backoff; the server's hints,
   * the bounds and the deadline still apply.
   */
  readonly proposedDelayMs?: number;
}

/** Why a delay was chosen, for events and tests. */
export type DelayReason =
  | 'backoff'
  | 'learned'
  | 'retry_after'
  | 'rate_limit'
  | 'scheduled'
  | 'next_attempt'
  | 'final_check';

export type NextDelay =
  | { readonly kind: 'wait'; readonly delayMs: number; readonly reason: DelayReason }
  /** The deadline has passed: no check is left. */
  | { readonly kind: 'stop' };

/** The defaults every poller shares; the provider's advice refines them. */
export function resolveBackoff(
  advice: PollingAdvice,
  overrides: Partial<BackoffOptions> = {},
): BackoffOptions {
  const minDelayMs = overrides.minDelayMs ?? advice.minDelayMs ?? 500;
  const maxDelayMs = Math.max(minDelayMs, overrides.maxDelayMs ?? advice.maxDelayMs ?? 30_000);
  const initial = overrides.initialDelayMs ?? advice.defaultDelayMs;
  return {
    minDelayMs,
    maxDelayMs,
    initialDelayMs: clamp(initial, minDelayMs, maxDelayMs),
    factor: Math.max(1, overrides.factor ?? 1.6),
    jitter: overrides.jitter ?? 'full',
    finalCheckLeadMs: overrides.finalCheckLeadMs ?? 250,
  };
}

/** The backoff alone: the ceiling grows by `factor` per attempt up to max; full jitter spreads it over [min, ceiling]. */
export function backoffDelay(attempt: number, backoff: BackoffOptions, random: () => number): number {
  const ceiling = Math.min(
    backoff.maxDelayMs,
    backoff.initialDelayMs * backoff.factor ** Math.max(0, attempt),
  );
  if (backoff.jitter === 'none') return Math.round(ceiling);
  return Math.round(backoff.minDelayMs + random() * (ceiling - backoff.minDelayMs));
}

/**
 * The server's own word on when to come back, the largest that applies: Retry-After, an exhausted rate-limit
 * window, a job's `scheduledAt` while it has not started, its `nextAttemptAt` while it waits for a retry.
 */
export function serverHint(
  input: Pick<NextDelayInput, 'job' | 'error' | 'hints' | 'now'>,
): { delayMs: number; reason: DelayReason } | null {
  const candidates: { delayMs: number; reason: DelayReason }[] = [];
  const retryAfter = input.error?.retryAfterMs ?? input.hints?.retryAfterMs;
  if (retryAfter !== undefined) candidates.push({ delayMs: retryAfter, reason: 'retry_after' });
  const windowWait = rateLimitWaitMs(input.hints?.rateLimit);
  if (windowWait !== undefined) candidates.push({ delayMs: windowWait, reason: 'rate_limit' });
  const job = input.job;
  if (job && !job.terminal) {
    const notStarted = job.status === 'queued' || job.status === 'scheduled';
    if (notStarted && job.scheduledAt) {
      candidates.push({ delayMs: job.scheduledAt.getTime() - input.now, reason: 'scheduled' });
    }
    if (job.nextAttemptAt && job.status !== 'running') {
      candidates.push({ delayMs: job.nextAttemptAt.getTime() - input.now, reason: 'next_attempt' });
    }
  }
  const positive = candidates.filter((candidate) => candidate.delayMs > 0);
  if (positive.length === 0) return null;
  return positive.reduce((longest, candidate) => (candidate.delayMs > longest.delayMs ? candidate : longest));
}

/**
 * The wait before the next check. The backoff is kept within [min, max]; a server hint may exceed max on purpose
 * (a job scheduled in an hour is checked once, after an hour, not every 30 s), but never the deadline or Node's
 * timer limit. When the next check would land past the deadline, one last check is placed just before it.
 */
export function computeNextDelay(input: NextDelayInput): NextDelay {
  const { backoff, now, deadline } = input;
  let delayMs =
    input.proposedDelayMs === undefined
      ? backoffDelay(input.attempt, backoff, input.random)
      : Math.min(input.proposedDelayMs, backoff.maxDelayMs);
  let reason: DelayReason = input.proposedDelayMs === undefined ? 'backoff' : 'learned';
  const hint = serverHint(input);
  if (hint && hint.delayMs > delayMs) {
    delayMs = Math.round(hint.delayMs);
    reason = hint.reason;
  }
  delayMs = Math.min(Math.max(delayMs, backoff.minDelayMs), MAX_TIMER_DELAY_MS);
  if (deadline === null) return { kind: 'wait', delayMs, reason };
  const remaining = deadline - now;
  if (remaining <= 0) return { kind: 'stop' };
  const lastCheckAt = Math.max(0, remaining - backoff.finalCheckLeadMs);
  // The vendor asked us not to come back before the deadline: a last check would only be refused again.
  if ((reason === 'retry_after' || reason === 'rate_limit') && delayMs > lastCheckAt) return { kind: 'stop' };
  if (delayMs >= lastCheckAt) return { kind: 'wait', delayMs: lastCheckAt, reason: 'final_check' };
  return { kind: 'wait', delayMs, reason };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
