import {
  type AsyncJob,
  type AsyncJobError,
  asyncJobError,
  createAsyncJob,
  JOB_STATUSES,
  type ProviderName,
} from '@asyncjob/core';
import { err, ok, type Result } from 'neverthrow';
import { z } from 'zod';

const lastSeenSchema = z.object({
  status: z.enum(JOB_STATUSES),
  rawStatus: z.string(),
  scheduledAt: z.number().nullable(),
  nextAttemptAt: z.number().nullable(),
});

/**
 * What a BullMQ job carries between checks: enough of the last snapshot for the delay rules (status, when it is
 * scheduled, when its next attempt is), the deadline, and the attempt count of the current phase.
 */
export const fleetJobDataSchema = z.object({
  v: z.literal(1),
  ref: z.string(),
  operation: z.string(),
  /** Epoch ms. */
  trackedAt: z.number(),
  /** Epoch ms, or null for none. */
  deadline: z.number().nullable(),
  /** Checks since the status last changed. */
  attempt: z.number().int().nonnegative(),
  /** Vendor requests spent so far. */
  checks: z.number().int().nonnegative(),
  /** The next check is the last one before the deadline. */
  finalCheck: z.boolean(),
  last: lastSeenSchema.nullable(),
});

export type FleetJobData = z.infer<typeof fleetJobDataSchema>;
type LastSeen = z.infer<typeof lastSeenSchema>;

/** The data of a job tracked now; `job` is a snapshot already in hand (a create's response), if any. */
export function initialJobData(input: {
  readonly ref: string;
  readonly operation: string;
  readonly now: number;
  readonly deadline: number | null;
  readonly job: AsyncJob | null;
}): FleetJobData {
  return {
    v: 1,
    ref: input.ref,
    operation: input.operation,
    trackedAt: input.now,
    deadline: input.deadline,
    attempt: 0,
    checks: 0,
    finalCheck: false,
    last: input.job ? lastSeenOf(input.job) : null,
  };
}

/** The part of a snapshot kept between checks. */
export function lastSeenOf(job: AsyncJob): LastSeen {
  return {
    status: job.status,
    rawStatus: job.rawStatus,
    scheduledAt: job.scheduledAt?.getTime() ?? null,
    nextAttemptAt: job.nextAttemptAt?.getTime() ?? null,
  };
}

/** The last snapshot rebuilt from what was kept (the delay rules read only these fields). */
export function lastJobOf(data: FleetJobData, provider: ProviderName, id: string): AsyncJob | null {
  if (data.last === null) return null;
  const date = (ms: number | null) => (ms === null ? null : new Date(ms));
  return createAsyncJob({
    ref: data.ref,
    provider,
    id,
    status: data.last.status,
    rawStatus: data.last.rawStatus,
    scheduledAt: date(data.last.scheduledAt),
    nextAttemptAt: date(data.last.nextAttemptAt),
  });
}

/** Reads a BullMQ job's data back; anything else (another program's job in our queue) is `invalid_response`. */
export function parseJobData(value: unknown): Result<FleetJobData, AsyncJobError> {
  const parsed = fleetJobDataSchema.safeParse(value);
  if (parsed.success) return ok(parsed.data);
  const issue = parsed.error.issues[0];
  return err(
    asyncJobError(
      'invalid_response',
      `A queued job is not an asyncjob fleet job (${issue?.path.join('.')}: ${issue?.message}).`,
    ),
  );
}
