import {
  ASYNC_JOB_ERROR_KINDS,
  type AsyncJobError,
  asyncJobError,
  jobFromJson,
  jobToJson,
  type StoredOutcome,
} from '@asyncjob/core';
import { err, ok, type Result } from 'neverthrow';
import { z } from 'zod';
import type { FleetSettledJob } from './fleet-types';

const errorSchema = z.object({
  kind: z.enum(ASYNC_JOB_ERROR_KINDS),
  provider: z.string().nullable(),
  message: z.string(),
  retryable: z.boolean(),
  httpStatus: z.number().optional(),
  code: z.string().optional(),
  requestId: z.string().optional(),
  retryAfterMs: z.number().optional(),
  field: z.string().optional(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  cause: z.object({ name: z.string(), message: z.string() }).optional(),
  lastJob: z.unknown().optional(),
});

const recordSchema = z.object({
  v: z.literal(1),
  ref: z.string(),
  provider: z.string(),
  operation: z.string(),
  trackedAt: z.number(),
  settledAt: z.number(),
  checks: z.number(),
  outcome: z.discriminatedUnion('type', [
    z.object({ type: z.literal('job'), job: z.unknown() }),
    z.object({ type: z.literal('error'), error: errorSchema }),
  ]),
});

/** The stored form of an outcome: the job with `jobToJson` (raw included), an error as its plain fields. */
export function toStoredOutcome(settled: Pick<FleetSettledJob, 'result'>): StoredOutcome {
  if (settled.result.isOk()) return { type: 'job', job: jobToJson(settled.result.value, { raw: true }) };
  const error = settled.result.error;
  if (error.kind !== 'poll_timeout') return { type: 'error', error };
  const lastJob = error.lastJob ? jobToJson(error.lastJob, { raw: true }) : null;
  return { type: 'error', error: { ...error, lastJob } as unknown as AsyncJobError };
}

/** One settled job as the JSON kept under its outcome key and in the settled stream. */
export function encodeOutcome(settled: FleetSettledJob): string {
  return JSON.stringify({
    v: 1,
    ref: settled.ref,
    provider: settled.provider,
    operation: settled.operation,
    trackedAt: settled.trackedAt.getTime(),
    settledAt: settled.settledAt.getTime(),
    checks: settled.checks,
    outcome: toStoredOutcome(settled),
  });
}

/** Reads an outcome back; anything else is an `invalid_response` error. */
export function decodeOutcome(text: string): Result<FleetSettledJob, AsyncJobError> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return err(malformed('not JSON'));
  }
  const parsed = recordSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return err(malformed(`${issue?.path.join('.')}: ${issue?.message}`));
  }
  const record = parsed.data;
  const result = decodeResult(record.outcome);
  if (result.isErr()) return err(result.error);
  return ok({
    ref: record.ref,
    provider: record.provider,
    operation: record.operation,
    result: result.value,
    trackedAt: new Date(record.trackedAt),
    settledAt: new Date(record.settledAt),
    checks: record.checks,
  });
}

function decodeResult(
  outcome: z.infer<typeof recordSchema>['outcome'],
): Result<FleetSettledJob['result'], AsyncJobError> {
  if (outcome.type === 'job') return jobFromJson(outcome.job).map((job) => ok(job));
  const { lastJob, ...fields } = outcome.error;
  if (fields.kind !== 'poll_timeout') return ok(err({ ...fields, kind: fields.kind }));
  if (lastJob === null || lastJob === undefined)
    return ok(err({ ...fields, kind: 'poll_timeout', lastJob: null }));
  return jobFromJson(lastJob).map((job) => err({ ...fields, kind: 'poll_timeout' as const, lastJob: job }));
}

function malformed(detail: string): AsyncJobError {
  return asyncJobError('invalid_response', `A stored fleet outcome is malformed (${detail}).`);
}
