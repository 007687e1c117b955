import { err, errAsync, ok, type Result, type ResultAsync } from 'neverthrow';
import { z } from 'zod';
import { type AsyncJob, createAsyncJob, JOB_STATUSES } from './async-job';
import { type AsyncJobError, configError, pollTimeoutError } from './async-job-error';
import type { JobRegistry } from './job-registry';
import { type WaitOptions, waitForJob } from './wait-for-job';

const isoDate = z.iso.datetime({ offset: true });

/** The serialized form of a wait, version 1. */
export const waitHandleSchema = z.object({
  version: z.literal(1),
  ref: z.string().min(3),
  /** When the wait started (ISO 8601). */
  startedAt: isoDate,
  /** When the wait gives up (ISO 8601), or null for no deadline. */
  deadline: isoDate.nullable(),
  /** The last snapshot's timing hints, so a resumed wait does not check a scheduled job early. */
  last: z
    .object({
      status: z.enum(JOB_STATUSES),
      rawStatus: z.string(),
      scheduledAt: isoDate.nullable(),
      nextAttemptAt: isoDate.nullable(),
    })
    .nullable(),
  backoff: z
    .object({
      minDelayMs: z.number().nonnegative().optional(),
      maxDelayMs: z.number().nonnegative().optional(),
      factor: z.number().min(1).optional(),
    })
    .default({}),
});

/** A wait another process can continue: plain JSON, validated on the way back in. */
export type WaitHandle = z.infer<typeof waitHandleSchema>;

/** Describes a wait for `ref` that ends at `deadline` (a Date or epoch ms; null for none). */
export function createWaitHandle(
  ref: string,
  options: {
    deadline: Date | number | null;
    startedAt?: Date;
    lastJob?: AsyncJob | null;
    backoff?: WaitHandle['backoff'];
  },
): WaitHandle {
  const deadline = options.deadline === null ? null : new Date(options.deadline).toISOString();
  const last = options.lastJob ?? null;
  return {
    version: 1,
    ref,
    startedAt: (options.startedAt ?? new Date()).toISOString(),
    deadline,
    last: last
      ? {
          status: last.status,
          rawStatus: last.rawStatus,
          scheduledAt: last.scheduledAt?.toISOString() ?? null,
          nextAttemptAt: last.nextAttemptAt?.toISOString() ?? null,
        }
      : null,
    backoff: options.backoff ?? {},
  };
}

/** The handle as a JSON string. */
export function serializeWaitHandle(handle: WaitHandle): string {
  return JSON.stringify(handle);
}

/** Reads a handle from JSON text or a parsed value; anything malformed is a `config` error naming the field. */
export function parseWaitHandle(input: unknown): Result<WaitHandle, AsyncJobError> {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch {
      return err(configError('The wait handle is not valid JSON.', 'handle'));
    }
  }
  const parsed = waitHandleSchema.safeParse(value);
  if (parsed.success) return ok(parsed.data);
  const issue = parsed.error.issues[0];
  const field = `handle.${issue?.path.map(String).join('.') ?? ''}`;
  return err(configError(`${field} is invalid: ${issue?.message ?? 'unknown problem'}.`, field));
}

/** Continues a wait described by a handle, with the same deadline. */
export function resumeWait(
  registry: JobRegistry,
  handle: WaitHandle,
  options: Omit<WaitOptions, 'deadline' | 'timeoutMs' | 'initialJob'> = {},
): ResultAsync<AsyncJob, AsyncJobError> {
  const resolved = registry.resolve(handle.ref);
  if (resolved.isErr()) return errAsync(resolved.error);
  const { client, id, provider } = resolved.value;
  const last = handle.last;
  const pending =
    last && last.status !== 'succeeded' && last.status !== 'failed' && last.status !== 'cancelled';
  const initialJob = pending
    ? createAsyncJob({
        provider,
        id,
        ref: handle.ref,
        status: last.status,
        rawStatus: last.rawStatus,
        scheduledAt: last.scheduledAt ? new Date(last.scheduledAt) : null,
        nextAttemptAt: last.nextAttemptAt ? new Date(last.nextAttemptAt) : null,
      })
    : undefined;
  if (handle.deadline !== null && Date.parse(handle.deadline) <= (options.now ?? Date.now)()) {
    // Past its deadline already: one check tells the caller where the job stands.
    return registry
      .get(handle.ref, { signal: options.signal })
      .andThen((job) => (job.terminal ? ok(job) : err(pollTimeoutError(provider, job))));
  }
  return waitForJob(client, id, {
    ...handle.backoff,
    ...options,
    ...(handle.deadline === null
      ? { timeoutMs: Number.POSITIVE_INFINITY }
      : { deadline: Date.parse(handle.deadline) }),
    ...(initialJob ? { initialJob } : {}),
  });
}
