import type { VendorErrorInfo } from '@asyncjob/core/http';
import { z } from 'zod';

const text = z.string().trim().min(1);

/**
 * Revor's documented error envelope: `{ ok: false, error: { code, message, request_id } }`.
 *
 * @see https://revor.ai/docs/api
 */
const nestedErrorSchema = z.looseObject({
  error: z.looseObject({
    code: text.nullish().catch(undefined),
    message: text.nullish().catch(undefined),
    request_id: text.nullish().catch(undefined),
  }),
  request_id: text.nullish().catch(undefined),
});

/**
 * What gateways and older handlers send instead: the same fields flat (`{ code, message, request_id }`), or
 * `error` as a bare string (`{ error: "api_key_invalid", message: "…" }`).
 */
const flatErrorSchema = z.looseObject({
  code: text.nullish().catch(undefined),
  error: text.nullish().catch(undefined),
  message: text.nullish().catch(undefined),
  request_id: text.nullish().catch(undefined),
});

/**
 * Reads a Revor error body into the code, message and request id the shared classifier needs. It never fails:
 * HTML pages, empty bodies (`undefined`) and unknown shapes give an empty object, and the HTTP status alone
 * decides the error kind.
 */
export function readRevorError(body: unknown): VendorErrorInfo {
  const nested = nestedErrorSchema.safeParse(body);
  if (nested.success) {
    const { error, request_id } = nested.data;
    return compact({
      code: error.code,
      // The documented message just repeats the code; keep it anyway, the classifier drops the duplicate.
      message: error.message,
      requestId: error.request_id ?? request_id,
    });
  }
  const flat = flatErrorSchema.safeParse(body);
  if (flat.success) {
    const { code, error, message, request_id } = flat.data;
    return compact({ code: code ?? error, message, requestId: request_id });
  }
  return {};
}

function compact(info: { code?: string | null; message?: string | null; requestId?: string | null }) {
  const result: { code?: string; message?: string; requestId?: string } = {};
  if (info.code) result.code = info.code;
  if (info.message) result.message = info.message;
  if (info.requestId) result.requestId = info.requestId;
  return result satisfies VendorErrorInfo;
}
