import { z } from 'zod';

// Wire schemas of RevKeen's automation-run API. Only the fields the adapter reads are declared; objects are loose so
// that fields the vendor adds never fail validation. The reference types every scalar as a plain "string" with no
// nullability, so everything but the ids and the run status is `.nullish()`.

const optionalText = z.string().nullish();

/**
 * One step of a run (`steps[]`); more fields exist than are published.
 * @see https://docs.revkeen.com/docs/api-reference/automations_runs_get
 */
export const revkeenStepSchema = z.looseObject({
  id: optionalText,
  step_index: z.number().nullish(),
  step_type: optionalText,
  name: optionalText,
  status: optionalText,
  duration_ms: z.number().nullish(),
  output_json: z.unknown().optional(),
});
export type RevkeenWireStep = z.infer<typeof revkeenStepSchema>;

/**
 * One approval, inside a run (`approvals[]`) or from the approvals endpoints. The item shape is not documented
 * beyond the run example, so even `id` may be missing.
 * @see https://docs.revkeen.com/docs/api-reference/automations_runs_get
 */
export const revkeenApprovalSchema = z.looseObject({
  id: optionalText,
  status: optionalText,
  run_id: optionalText,
  automation_id: optionalText,
  action_summary: optionalText,
  rejection_reason: optionalText,
  approved_at: optionalText,
  created_at: optionalText,
});
export type RevkeenWireApproval = z.infer<typeof revkeenApprovalSchema>;

/**
 * An automation run: the full detail from `GET /automations/{id}/runs/{runId}`, or a summary (no steps) from the
 * list. `status` is a plain string because its values are not documented.
 * @see https://docs.revkeen.com/docs/api-reference/automations_runs_get
 */
export const revkeenRunSchema = z.looseObject({
  id: z.string().min(1),
  status: z.string(),
  automation_id: optionalText,
  automation_name: optionalText,
  trigger_source: optionalText,
  summary: optionalText,
  error_message: optionalText,
  created_at: optionalText,
  started_at: optionalText,
  completed_at: optionalText,
  steps: z.array(revkeenStepSchema).nullish(),
  approvals: z.array(revkeenApprovalSchema).nullish(),
});
export type RevkeenWireRun = z.infer<typeof revkeenRunSchema>;

/**
 * `GET /automations/{id}/runs/{runId}` → `{ data: Run }`.
 * @see https://docs.revkeen.com/docs/api-reference/automations_runs_get
 */
export const revkeenRunResponseSchema = z.looseObject({ data: revkeenRunSchema });

/**
 * The run a create queued: `{ id, object, status, automation_id, job_id }`. The status is optional here so that
 * a create that did work is not reported as a failure over a missing word.
 * @see https://docs.revkeen.com/docs/api-reference/automations_run
 */
export const revkeenCreatedRunSchema = z.looseObject({
  id: z.string().min(1),
  status: optionalText,
  automation_id: optionalText,
  job_id: optionalText,
});
export type RevkeenWireCreatedRun = z.infer<typeof revkeenCreatedRunSchema>;

/**
 * `POST /automations/{id}/runs` → `{ data: { … } }`.
 * @see https://docs.revkeen.com/docs/api-reference/automations_run
 */
export const revkeenCreateRunResponseSchema = z.looseObject({ data: revkeenCreatedRunSchema });

/**
 * The `pagination` block the pagination guide describes (`{ limit, offset, total, hasMore }`). The list example
 * shows none, so every field is optional and a field of the wrong type is dropped rather than failing the list.
 * @see https://docs.revkeen.com/docs/fundamentals/pagination
 */
export const revkeenPaginationSchema = z.looseObject({
  total: z.number().nullish().catch(undefined),
  hasMore: z.boolean().nullish().catch(undefined),
  has_more: z.boolean().nullish().catch(undefined),
});

/**
 * `GET /automations/{id}/runs` → `{ object: 'list', data: [RunSummary], pagination? }`.
 * @see https://docs.revkeen.com/docs/api-reference/automations_runs_list
 */
export const revkeenRunListResponseSchema = z.looseObject({
  data: z.array(revkeenRunSchema),
  pagination: revkeenPaginationSchema.nullish().catch(undefined),
});
export type RevkeenWireRunList = z.infer<typeof revkeenRunListResponseSchema>;

/**
 * `GET /automations/approvals` → `{ data: [Approval] }` (the list envelope of the other endpoints).
 * @see https://docs.revkeen.com/docs/api-reference/automations_runs_get
 */
export const revkeenApprovalListResponseSchema = z.looseObject({ data: z.array(revkeenApprovalSchema) });

/**
 * `POST /automations/approvals/{approvalId}/approve` and `/reject`: the response is not documented. Any body is
 * accepted (even none) and read leniently afterwards; the HTTP status already says whether the decision went through.
 * @see https://docs.revkeen.com/docs/api-reference/automations_runs_get
 */
export const revkeenApprovalDecisionResponseSchema = z.unknown();
