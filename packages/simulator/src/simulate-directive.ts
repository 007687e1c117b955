import type { PlannedOutcome } from './job-plan';

/**
 * Per-job control, read from a vendor's own free-form field (Revor `metadata.simulate`, RevKeen
 * `trigger_payload.simulate`, Oration the first customer's `metadata.simulate`) or queued with
 * `control.planNextJob()`. Unset fields are drawn from the seeded options as usual.
 */
export interface SimulateDirective {
  /** How the job ends. */
  readonly outcome?: PlannedOutcome;
  /** Time spent queued before the first attempt, exactly (not scaled). */
  readonly queuedMs?: number;
  /** Time one attempt runs, exactly (not scaled). */
  readonly runMs?: number;
  /** RevKeen: whether the run waits for an approval. */
  readonly approval?: boolean;
  /** Failed attempts before the last one (Revor, Oration). */
  readonly retries?: number;
}

const OUTCOMES: readonly string[] = ['succeeded', 'failed', 'cancelled'];

function readMs(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** Reads a directive from untrusted JSON; fields of the wrong type are ignored. */
export function readSimulateDirective(value: unknown): SimulateDirective {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const source = value as Record<string, unknown>;
  const outcome =
    typeof source.outcome === 'string' && OUTCOMES.includes(source.outcome) ? source.outcome : undefined;
  const retries = readMs(source.retries);
  return {
    ...(outcome ? { outcome: outcome as PlannedOutcome } : {}),
    ...(readMs(source.queuedMs) !== undefined ? { queuedMs: readMs(source.queuedMs) } : {}),
    ...(readMs(source.runMs) !== undefined ? { runMs: readMs(source.runMs) } : {}),
    ...(typeof source.approval === 'boolean' ? { approval: source.approval } : {}),
    ...(retries !== undefined ? { retries: Math.min(10, Math.floor(retries)) } : {}),
  };
}

/** Reads `simulate` from a free-form object such as Revor's `metadata`. */
export function readNestedSimulateDirective(container: unknown): SimulateDirective {
  if (typeof container !== 'object' || container === null) return {};
  return readSimulateDirective((container as Record<string, unknown>).simulate);
}

/** The fields of `override` win over those of `base`. */
export function mergeDirectives(base: SimulateDirective, override: SimulateDirective): SimulateDirective {
  return { ...base, ...override };
}
