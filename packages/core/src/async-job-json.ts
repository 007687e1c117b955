import { err, ok, type Result } from 'neverthrow';
import { z } from 'zod';
import { type AsyncJob, createAsyncJob, JOB_STATUSES } from './async-job';
import { type AsyncJobError, asyncJobError } from './async-job-error';

const DATE_FIELDS = [
  'createdAt',
  'updatedAt',
  'scheduledAt',
  'startedAt',
  'finishedAt',
  'nextAttemptAt',
] as const;

/** A job as plain JSON: dates as ISO strings; `raw` only when asked for. */
export type AsyncJobJson = Omit<AsyncJob, (typeof DATE_FIELDS)[number] | 'raw'> & {
  readonly [K in (typeof DATE_FIELDS)[number]]: string | null;
} & { readonly raw?: unknown };

/** Turns a job into JSON-ready data (the CLI's `--json` lines, stored outcomes). */
export function jobToJson(job: AsyncJob, options: { raw?: boolean } = {}): AsyncJobJson {
  const { raw, ...rest } = job;
  const dates = Object.fromEntries(DATE_FIELDS.map((field) => [field, isoOrNullOf(job[field])]));
  return { ...rest, ...dates, ...(options.raw ? { raw } : {}) } as AsyncJobJson;
}

const isoOrNull = z.iso.datetime({ offset: true }).nullable();
const jobJsonSchema = z.object({
  ref: z.string(),
  provider: z.string(),
  id: z.string(),
  status: z.enum(JOB_STATUSES),
  rawStatus: z.string(),
  result: z.unknown().optional(),
  failure: z.object({ code: z.string(), message: z.string(), retryable: z.boolean() }).nullable().optional(),
  createdAt: isoOrNull,
  updatedAt: isoOrNull,
  scheduledAt: isoOrNull,
  startedAt: isoOrNull,
  finishedAt: isoOrNull,
  nextAttemptAt: isoOrNull,
  attempts: z.number().nullable(),
  raw: z.unknown().optional(),
});

/** Reads a job back from `jobToJson` output; anything else is an `invalid_response` error. */
export function jobFromJson(value: unknown): Result<AsyncJob, AsyncJobError> {
  const parsed = jobJsonSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return err(
      asyncJobError(
        'invalid_response',
        `A stored job is malformed (${issue?.path.join('.')}: ${issue?.message}).`,
      ),
    );
  }
  const json = parsed.data;
  const date = (text: string | null) => (text === null ? null : new Date(text));
  return ok(
    createAsyncJob({
      ref: json.ref,
      provider: json.provider,
      id: json.id,
      status: json.status,
      rawStatus: json.rawStatus,
      result: json.result,
      failure: json.failure ?? null,
      createdAt: date(json.createdAt),
      updatedAt: date(json.updatedAt),
      scheduledAt: date(json.scheduledAt),
      startedAt: date(json.startedAt),
      finishedAt: date(json.finishedAt),
      nextAttemptAt: date(json.nextAttemptAt),
      attempts: json.attempts,
      raw: json.raw ?? null,
    }),
  );
}

function isoOrNullOf(date: Date | null): string | null {
  return date && !Number.isNaN(date.getTime()) ? date.toISOString() : null;
}
