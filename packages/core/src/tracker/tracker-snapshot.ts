import { err, ok, type Result } from 'neverthrow';
import { z } from 'zod';
import { JOB_STATUSES } from '../async-job';
import { type AsyncJobError, configError } from '../async-job-error';

const epochMs = z.number().finite();

/** One tracked job in a snapshot: enough to continue it in another process. */
export const trackedJobSchema = z.object({
  ref: z.string().min(3),
  operation: z.string(),
  status: z.enum(JOB_STATUSES).nullable(),
  rawStatus: z.string().nullable(),
  trackedAt: epochMs,
  deadline: epochMs.nullable(),
  dueAt: epochMs,
  phaseSince: epochMs,
  attempt: z.number().int().nonnegative(),
  scheduledAt: epochMs.nullable(),
  nextAttemptAt: epochMs.nullable(),
});

/** The whole tracked set, version 1. Times are epoch milliseconds. */
export const trackerSnapshotSchema = z.object({
  version: z.literal(1),
  takenAt: epochMs,
  jobs: z.array(trackedJobSchema),
  learned: z.record(z.string(), z.array(z.number().nonnegative())).default({}),
});

export type TrackedJobState = z.infer<typeof trackedJobSchema>;
export type TrackerSnapshot = z.infer<typeof trackerSnapshotSchema>;

/** Reads a snapshot from JSON text or a parsed value; a malformed one is a `config` error naming the field. */
export function parseTrackerSnapshot(input: unknown): Result<TrackerSnapshot, AsyncJobError> {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch {
      return err(configError('The tracker snapshot is not valid JSON.', 'snapshot'));
    }
  }
  const parsed = trackerSnapshotSchema.safeParse(value);
  if (parsed.success) return ok(parsed.data);
  const issue = parsed.error.issues[0];
  const field = ['snapshot', ...(issue?.path.map(String) ?? [])].join('.');
  return err(configError(`${field} is invalid: ${issue?.message ?? 'unknown problem'}.`, field));
}
