import {
  ASYNC_JOB_ERROR_KINDS,
  type AsyncJobError,
  type AsyncJobJson,
  jobFromJson,
  jobToJson,
  type ResponseIssue,
  type StoredJob,
  type StoredOutcome,
  trackerSnapshotSchema,
} from '@asyncjob/core';
import { err, ok, type Result } from 'neverthrow';
import { z } from 'zod';
import { malformedRecordError } from './to-store-error';

/** A row of the `jobs` table as SQLite returns it (SQLite keeps any type in any column, so it is checked too). */
export const jobRowSchema = z.object({
  ref: z.string(),
  state: z.string(),
  updated_at: z.number(),
  outcome: z.string().nullable(),
  settled_at: z.number().nullable(),
  handled_at: z.number().nullable(),
});

export type JobRow = z.infer<typeof jobRowSchema>;

/** The tracker's own schema of one job's state, so the store accepts exactly what the tracker writes. */
const trackedJobStateSchema = trackerSnapshotSchema.shape.jobs.element;

const storedErrorSchema = z.object({
  kind: z.enum(ASYNC_JOB_ERROR_KINDS),
  provider: z.string().nullable(),
  message: z.string(),
  retryable: z.boolean(),
  httpStatus: z.number().int().optional(),
  code: z.string().optional(),
  requestId: z.string().optional(),
  retryAfterMs: z.number().optional(),
  field: z.string().optional(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  cause: z.object({ name: z.string(), message: z.string() }).optional(),
  // A poll timeout's last job, as `jobToJson` wrote it.
  lastJob: z.unknown().optional(),
});

const storedOutcomeSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('job'), job: z.record(z.string(), z.unknown()) }),
  z.object({ type: z.literal('error'), error: storedErrorSchema }),
]);

/** The outcome as JSON text: dates as ISO strings, a poll timeout's last job through `jobToJson`. */
export function outcomeToText(outcome: StoredOutcome): string {
  if (outcome.type === 'error' && outcome.error.kind === 'poll_timeout' && outcome.error.lastJob) {
    return JSON.stringify({
      type: 'error',
      error: { ...outcome.error, lastJob: jobToJson(outcome.error.lastJob, { raw: true }) },
    });
  }
  return JSON.stringify(outcome);
}

function issuesOf(error: z.ZodError, prefix: string): ResponseIssue[] {
  return error.issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
}

function parseJsonColumn(text: string, column: string): Result<unknown, ResponseIssue[]> {
  try {
    return ok(JSON.parse(text));
  } catch {
    return err([{ path: column, message: 'not valid JSON' }]);
  }
}

function readJob(value: unknown, path: string): Result<AsyncJobJson, ResponseIssue[]> {
  return jobFromJson(value)
    .map((job) => jobToJson(job, { raw: typeof value === 'object' && value !== null && 'raw' in value }))
    .mapErr((error) => [{ path, message: error.message }]);
}

function readOutcome(text: string): Result<StoredOutcome, ResponseIssue[]> {
  return parseJsonColumn(text, 'outcome').andThen((value): Result<StoredOutcome, ResponseIssue[]> => {
    const parsed = storedOutcomeSchema.safeParse(value);
    if (!parsed.success) return err(issuesOf(parsed.error, 'outcome'));
    const outcome = parsed.data;
    if (outcome.type === 'job')
      return readJob(outcome.job, 'outcome.job').map((job) => ({ type: 'job', job }));
    const { lastJob, ...fields } = outcome.error;
    if (fields.kind !== 'poll_timeout') return ok({ type: 'error', error: { ...fields, kind: fields.kind } });
    if (lastJob === undefined || lastJob === null) {
      return ok({ type: 'error', error: { ...fields, kind: 'poll_timeout', lastJob: null } });
    }
    return jobFromJson(lastJob)
      .mapErr((error): ResponseIssue[] => [{ path: 'outcome.error.lastJob', message: error.message }])
      .map((job) => ({ type: 'error', error: { ...fields, kind: 'poll_timeout', lastJob: job } }));
  });
}

/**
 * Reads one row back into a `StoredJob`, checking every column; a malformed one is an `invalid_response`
 * error naming the file and the ref.
 */
export function rowToStoredJob(path: string, row: unknown): Result<StoredJob, AsyncJobError> {
  const parsedRow = jobRowSchema.safeParse(row);
  const ref =
    typeof row === 'object' && row !== null && typeof (row as { ref?: unknown }).ref === 'string'
      ? (row as { ref: string }).ref
      : '(unknown ref)';
  if (!parsedRow.success) return err(malformedRecordError(path, ref, issuesOf(parsedRow.error, 'row')));
  const columns = parsedRow.data;
  const state = parseJsonColumn(columns.state, 'state').andThen((value) => {
    const parsed = trackedJobStateSchema.safeParse(value);
    if (!parsed.success) return err(issuesOf(parsed.error, 'state'));
    if (parsed.data.ref !== columns.ref) {
      return err([{ path: 'state.ref', message: `is ${parsed.data.ref}, not the row's ref` }]);
    }
    return ok(parsed.data);
  });
  const outcome = columns.outcome === null ? ok(null) : readOutcome(columns.outcome);
  const combined = state.andThen((value) => outcome.map((read) => ({ state: value, outcome: read })));
  if (combined.isErr()) return err(malformedRecordError(path, columns.ref, combined.error));
  return ok({
    state: combined.value.state,
    updatedAt: columns.updated_at,
    outcome: combined.value.outcome,
    settledAt: columns.settled_at,
    handledAt: columns.handled_at,
  });
}
