import { asyncJobError, configError, type RequestError } from '@asyncjob/core';
import { encodePathSegment } from '@asyncjob/core/http';
import { err, ok, Result } from 'neverthrow';
import { z } from 'zod';

/** The operations `submit` accepts. */
export const REVKEEN_OPERATIONS = ['run'] as const;

/** An operation name `submit` accepts (`submit` itself takes any string and refuses unknown ones). */
export type RevkeenOperation = (typeof REVKEEN_OPERATIONS)[number];

/** Input of `runAutomation`. */
export interface RevkeenRunInput {
  /** Free-form data handed to the automation's trigger; sent as `trigger_payload` (`null` when omitted). */
  readonly triggerPayload?: unknown;
}

/** Input of the `run` operation of `submit`: the automation to run and its trigger payload. */
export interface RevkeenRunOperationInput extends RevkeenRunInput {
  readonly automationId: string;
}

/** Filters and paging of `listRuns`. */
export interface RevkeenListRunsQuery {
  /** Page size, 1 to 100. @default 25 (the vendor's) */
  readonly limit?: number;
  /** How many runs to skip. @default 0 */
  readonly offset?: number;
  /** Only runs with this vendor status word. */
  readonly status?: string;
}

/** Input of `reject`. */
export interface RevkeenRejectInput {
  /** Why the action was turned down; shown to whoever owns the automation. */
  readonly reason?: string;
}

const runInputSchema = z.strictObject({ triggerPayload: z.unknown().optional() });

/** Schemas of the operations' input, for `submit` (the CLI passes parsed JSON). */
export const revkeenOperationSchemas = {
  run: z.strictObject({ automationId: z.string().min(1), triggerPayload: z.unknown().optional() }),
} as const satisfies Record<RevkeenOperation, z.ZodType>;

const listRunsQuerySchema = z.strictObject({
  limit: z.number().int().min(1).max(100).optional(),
  offset: z.number().int().min(0).optional(),
  status: z.string().min(1).optional(),
});

const rejectInputSchema = z.strictObject({ reason: z.string().min(1).max(10_000).optional() });

// The vendor stores keys of 1 to 255 characters (https://docs.revkeen.com/docs/fundamentals/idempotency).
const idempotencyKeySchema = z.string().min(1).max(255);

/** Checks caller input against a schema; the `invalid_request` error names the first bad field. */
export function validateRevkeenInput<TSchema extends z.ZodType>(
  schema: TSchema,
  input: unknown,
  label: string,
): Result<z.output<TSchema>, RequestError> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return ok(parsed.data);
  const issue = parsed.error.issues[0];
  const unknownKeys = issue?.code === 'unrecognized_keys' ? issue.keys.join(', ') : '';
  const field = unknownKeys || issue?.path.map(String).join('.') || 'input';
  const problem = unknownKeys ? 'is not a known field' : (issue?.message ?? 'is invalid');
  return err(
    asyncJobError('invalid_request', `${label}: ${field} ${problem}.`, { provider: 'revkeen', field }),
  );
}

/** The body of `POST /automations/{id}/runs`: `{ trigger_payload }`, `null` when there is none (as the reference example sends). */
export function toRevkeenRunRequest(input: RevkeenRunInput | undefined): Result<object, RequestError> {
  return validateRevkeenInput(runInputSchema, input ?? {}, 'revkeen runAutomation').map((valid) => ({
    trigger_payload: valid.triggerPayload ?? null,
  }));
}

/** The query of `GET /automations/{id}/runs`. */
export function toRevkeenListRunsQuery(
  query: RevkeenListRunsQuery | undefined,
): Result<Record<string, string | number>, RequestError> {
  return validateRevkeenInput(listRunsQuerySchema, query ?? {}, 'revkeen listRuns').map((valid) =>
    Object.fromEntries(Object.entries(valid).filter(([, value]) => value !== undefined)),
  );
}

/**
 * The body of `POST …/reject`, or undefined for none. The body is not documented; `reason` follows the approval's
 * `rejection_reason` field.
 */
export function toRevkeenRejectRequest(
  input: RevkeenRejectInput | undefined,
): Result<object | undefined, RequestError> {
  return validateRevkeenInput(rejectInputSchema, input ?? {}, 'revkeen reject').map((valid) =>
    valid.reason === undefined ? undefined : { reason: valid.reason },
  );
}

/** The caller's idempotency key, checked, or a new UUID v4 (what the vendor recommends). */
export function revkeenIdempotencyKey(key: string | undefined): Result<string, RequestError> {
  if (key === undefined) return ok(globalThis.crypto.randomUUID());
  return validateRevkeenInput(idempotencyKeySchema, key, 'revkeen idempotencyKey').mapErr((error) => ({
    ...error,
    field: 'idempotencyKey',
    message: 'revkeen idempotencyKey must be 1 to 255 characters.',
  }));
}

/** The path of one encoded id, e.g. an automation or approval id; `..` and the like are refused. */
export function encodeRevkeenId(id: string, name: string): Result<string, RequestError> {
  if (typeof id !== 'string') {
    return err(
      asyncJobError('invalid_request', `${name} must be a string.`, { provider: 'revkeen', field: name }),
    );
  }
  return encodePathSegment(id, 'revkeen', name).mapErr((error) => ({ ...error, field: name }));
}

/** The two ids a RevKeen job id joins. */
export interface RevkeenRunIds {
  readonly automationId: string;
  readonly runId: string;
}

// The job id joins two vendor ids with `/`. The ids are UUIDs, but should one hold a `/` (or the `%` that escapes
// it), it is escaped so the joined id still splits into the same two parts.
const escapePart = (part: string) => part.replace(/%/g, '%25').replace(/\//g, '%2F');
const unescapePart = (part: string) => part.replace(/%2F|%25/gi, (match) => (match === '%25' ? '%' : '/'));

/** Joins an automation id and a run id into the job id `automationId/runId` (the ref is `revkeen:` + it). */
export function formatRevkeenRunId(ids: RevkeenRunIds): string {
  return `${escapePart(ids.automationId)}/${escapePart(ids.runId)}`;
}

/** Splits a job id `automationId/runId`: exactly two non-empty parts, else a `config` error naming `ref`. */
export function parseRevkeenRunId(id: unknown): Result<RevkeenRunIds, RequestError> {
  const parts = typeof id === 'string' ? id.split('/') : [];
  const [automationId, runId] = parts;
  if (parts.length !== 2 || !automationId || !runId) {
    const shown = typeof id === 'string' ? `"${id}"` : 'The id';
    return err(
      configError(
        `${shown} is not a RevKeen run id: expected "<automationId>/<runId>", as in "revkeen:<automationId>/<runId>".`,
        'ref',
        'revkeen',
      ),
    );
  }
  return ok({ automationId: unescapePart(automationId), runId: unescapePart(runId) });
}

/** The encoded path of one run: `automations/{automationId}/runs/{runId}`. */
export function revkeenRunPath(ids: RevkeenRunIds): Result<string, RequestError> {
  return Result.combine([
    encodeRevkeenId(ids.automationId, 'automationId'),
    encodeRevkeenId(ids.runId, 'runId'),
  ]).map(([automation, run]) => `automations/${automation}/runs/${run}`);
}
