/** A RevKeen 400 `validation_error`: which parameter and why. */
export interface RevkeenValidationProblem {
  readonly param: string;
  readonly message: string;
}

/** Parsed `limit` and `offset`. */
export interface RevkeenPage {
  readonly limit: number;
  readonly offset: number;
}

const DEFAULT_LIMIT = 25;
const MAX_LIMIT = 100;

/**
 * Reads `limit` (default 25; values above 100 are clamped) and `offset` (default 0), as the pagination guide
 * says (https://docs.revkeen.com/docs/fundamentals/pagination).
 */
export function parsePage(
  query: URLSearchParams,
): { ok: true; page: RevkeenPage } | { ok: false; problem: RevkeenValidationProblem } {
  const limitText = query.get('limit');
  const offsetText = query.get('offset');
  const limit = limitText === null ? DEFAULT_LIMIT : Number(limitText);
  const offset = offsetText === null ? 0 : Number(offsetText);
  if (!Number.isInteger(limit) || limit < 1) {
    return { ok: false, problem: { param: 'limit', message: 'limit must be an integer from 1 to 100' } };
  }
  if (!Number.isInteger(offset) || offset < 0) {
    return { ok: false, problem: { param: 'offset', message: 'offset must be a non-negative integer' } };
  }
  return { ok: true, page: { limit: Math.min(limit, MAX_LIMIT), offset } };
}

/** One page of items with RevKeen's `pagination` block. */
export function paginate<T>(items: readonly T[], page: RevkeenPage) {
  return {
    object: 'list',
    data: items.slice(page.offset, page.offset + page.limit),
    pagination: {
      limit: page.limit,
      offset: page.offset,
      total: items.length,
      hasMore: page.offset + page.limit < items.length,
    },
  };
}

const RUN_FIELDS = new Set(['trigger_payload']);

/** Checks a `POST /automations/{id}/runs` body: an object whose only field is `trigger_payload`. */
export function validateRunBody(
  body: unknown,
): { ok: true; triggerPayload: unknown } | { ok: false; problem: RevkeenValidationProblem } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, problem: { param: 'body', message: 'The request body must be a JSON object' } };
  }
  const unknownField = Object.keys(body).find((field) => !RUN_FIELDS.has(field));
  if (unknownField !== undefined) {
    return { ok: false, problem: { param: unknownField, message: `Unknown field: ${unknownField}` } };
  }
  return { ok: true, triggerPayload: (body as { trigger_payload?: unknown }).trigger_payload ?? null };
}

/** Reads a rejection reason from `{ reason }` or `{ rejection_reason }`. */
export function readRejectionReason(
  body: unknown,
): { ok: true; reason: string | null } | { ok: false; problem: RevkeenValidationProblem } {
  if (body === undefined || body === null) return { ok: true, reason: null };
  if (typeof body !== 'object' || Array.isArray(body)) {
    return { ok: false, problem: { param: 'body', message: 'The request body must be a JSON object' } };
  }
  const record = body as Record<string, unknown>;
  const reason = record.reason ?? record.rejection_reason;
  if (reason === undefined || reason === null) return { ok: true, reason: null };
  if (typeof reason !== 'string')
    return { ok: false, problem: { param: 'reason', message: 'reason must be a string' } };
  return { ok: true, reason };
}
