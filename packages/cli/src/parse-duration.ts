import { err, ok, type Result } from 'neverthrow';

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;
const DURATION_PATTERN = /^(\d+(?:\.\d+)?|\.\d+)(ms|s|m|h)?$/;

/** The longest duration accepted: about 24 days, the most a Node timer can wait. */
export const MAX_DURATION_MS = 2_147_483_647;

/**
 * Reads a duration such as `500ms`, `3s`, `10m` or `1h` into milliseconds; a bare number is seconds. The error
 * is a message for the user. Zero, negative and non-finite durations are refused.
 */
export function parseDuration(text: string): Result<number, string> {
  const trimmed = text.trim().toLowerCase();
  const match = DURATION_PATTERN.exec(trimmed);
  const problem = `"${text}" is not a duration: use e.g. 500ms, 3s, 10m or 1h (a bare number is seconds).`;
  if (!match) return err(problem);
  const unit = (match[2] ?? 's') as keyof typeof UNIT_MS;
  const milliseconds = Math.round(Number(match[1]) * UNIT_MS[unit]);
  if (!Number.isFinite(milliseconds) || milliseconds <= 0) {
    return err(`"${text}" is too short: a duration must be at least 1ms.`);
  }
  if (milliseconds > MAX_DURATION_MS) return err(`"${text}" is too long: the longest duration is 596h.`);
  return ok(milliseconds);
}
