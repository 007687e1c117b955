import type { RateDecision } from './rate-limiter';
import { retryAfterSeconds } from './rate-limiter';
import type { RevkeenValidationProblem } from './revkeen-validate';
import { jsonResponse, type SimResponse } from './sim-http';

/** RevKeen's error bodies (https://docs.revkeen.com/docs/errors): `{ error: { type, code, message, param?, details? } }`. */
export interface RevkeenErrors {
  fail(
    status: number,
    type: string,
    code: string,
    message: string,
    headers?: Record<string, string>,
  ): SimResponse;
  /** 400 `validation_error` naming the bad parameter in `param` and `details.fields`. */
  invalid(problem: RevkeenValidationProblem): SimResponse;
  /** 404 `resource_missing`, also for another key's resource. */
  missing(what: string, id: string): SimResponse;
  missingKey(): SimResponse;
  invalidKey(): SimResponse;
  rateLimited(decision: RateDecision): SimResponse;
}

/** Builds RevKeen errors, each with a fresh `request_id` (the SDK schemas carry one). */
export function createRevkeenErrors(requestId: () => string): RevkeenErrors {
  const build = (
    status: number,
    error: Record<string, unknown>,
    headers: Record<string, string> = {},
  ): SimResponse => {
    const id = requestId();
    return jsonResponse(status, { error: { ...error, request_id: id } }, { 'request-id': id, ...headers });
  };
  return {
    fail: (status, type, code, message, headers) => build(status, { type, code, message }, headers),
    invalid: (problem) =>
      build(400, {
        type: 'invalid_request_error',
        code: 'validation_error',
        message: problem.message,
        param: problem.param,
        details: { fields: { [problem.param]: [problem.message] } },
      }),
    missing: (what, id) =>
      build(404, {
        type: 'invalid_request_error',
        code: 'resource_missing',
        message: `No such ${what}: '${id}'`,
        param: 'id',
      }),
    missingKey: () =>
      build(401, {
        type: 'authentication_error',
        code: 'authentication_failed',
        message: 'No API key provided. Send it in the x-api-key header.',
      }),
    invalidKey: () =>
      build(401, {
        type: 'authentication_error',
        code: 'invalid_api_key',
        message: 'Invalid API key provided.',
      }),
    rateLimited: (decision) =>
      build(
        429,
        {
          type: 'rate_limit_error',
          code: 'rate_limit_exceeded',
          message: 'Too many requests. Retry after the time in Retry-After.',
        },
        { 'retry-after': String(retryAfterSeconds(decision)) },
      ),
  };
}
