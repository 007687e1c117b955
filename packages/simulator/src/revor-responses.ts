import { DRIFT_STATUS } from './faults';
import { type RateDecision, retryAfterSeconds } from './rate-limiter';
import { jsonResponse, type SimResponse } from './sim-http';

/** Revor's envelope (https://revor.ai/docs/api): `{ ok: true, request_id, … }` or `{ ok: false, error }`. */
export interface RevorResponses {
  success(status: number, payload: Record<string, unknown>): SimResponse;
  /** An error whose message repeats the code unless told, as in the vendor's example. */
  failure(status: number, code: string, message?: string, headers?: Record<string, string>): SimResponse;
}

/** Builds Revor responses, each with a fresh `request_id`, echoed in `x-request-id`. */
export function createRevorResponses(requestId: () => string): RevorResponses {
  return {
    success(status, payload) {
      const id = requestId();
      return jsonResponse(status, { ok: true, request_id: id, ...payload }, { 'x-request-id': id });
    },
    failure(status, code, message = code, headers = {}) {
      const id = requestId();
      return jsonResponse(
        status,
        { ok: false, error: { code, message, request_id: id } },
        { 'x-request-id': id, ...headers },
      );
    },
  };
}

/** The rate-limit headers Revor documents, sent on every authenticated response. */
export function revorRateLimitHeaders(decision: RateDecision): Record<string, string> {
  return {
    'x-ratelimit-limit': String(decision.limit),
    'x-ratelimit-remaining': String(decision.remaining),
    'x-ratelimit-window-ms': String(decision.windowMs),
    'x-user-ratelimit-limit': String(decision.userLimit),
    'x-user-ratelimit-remaining': String(decision.userRemaining),
  };
}

/** 429 `api_rate_limit_exceeded` with `Retry-After` in seconds. */
export function revorRateLimited(responses: RevorResponses, decision: RateDecision): SimResponse {
  return responses.failure(429, 'api_rate_limit_exceeded', 'api_rate_limit_exceeded', {
    'retry-after': String(retryAfterSeconds(decision)),
  });
}

/** A job lookup with an unknown status word and fields the adapter has never seen. */
export function driftRevorJob(body: unknown): unknown {
  const envelope = body as { item?: Record<string, unknown> };
  if (!envelope.item) return body;
  return {
    ...envelope,
    item: { ...envelope.item, status: DRIFT_STATUS, priority: 'normal', worker: { region: 'ap-east-1' } },
  };
}
