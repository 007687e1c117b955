/** Where a Revor task may start given the previous start on the same account and channel. */
export interface PaceInput {
  /** The previous task's start slot on this account and channel, if any. */
  readonly previousSlotMs: number | undefined;
  readonly nowMs: number;
  /** The new task's `min_channel_task_interval_seconds`, already clamped to 60..86400. */
  readonly intervalSeconds: number;
  /** Multiplies the gap (the simulator's `timeScale`). */
  readonly scale: number;
}

/**
 * The new task's start slot: now, or the previous slot plus the gap when that is later
 * (https://revor.ai/docs/api/outreach-dispatches). A slot in the future makes the task `scheduled`.
 */
export function nextPaceSlot(input: PaceInput): number {
  if (input.previousSlotMs === undefined) return input.nowMs;
  return Math.max(input.nowMs, input.previousSlotMs + input.intervalSeconds * 1000 * input.scale);
}
