import { type ReadVendorError, redactSecrets, type VendorErrorInfo } from '@asyncjob/core/http';
import { z } from 'zod';

// A field of the wrong type is dropped (`.catch`) rather than losing the rest of the body.
const text = z.string().nullish().catch(undefined);

/**
 * The documented envelope: `{ error: { type, code, message, param?, details?, request_id? } }`.
 * @see https://docs.revkeen.com/docs/errors
 */
const revkeenErrorEnvelopeSchema = z.looseObject({
  error: z.looseObject({ type: text, code: text, message: text, param: text, request_id: text }),
  request_id: text,
});

/**
 * The flat variants some endpoints use: `{ error: "…" }` (SDK schemas) and a top-level `{ message }` (which the
 * official TypeScript SDK also reads).
 * @see https://github.com/RevKeen/sdk-typescript
 */
const revkeenFlatErrorSchema = z.looseObject({
  error: text,
  code: text,
  message: text,
  request_id: text,
  requestId: text,
});

/** Vendor messages are for display; a proxy could put a whole page in one, so keep errors readable. */
const MAX_MESSAGE_LENGTH = 300;

/**
 * Reads a RevKeen error body into the code, message and request id the shared classifier needs. The body may be
 * the envelope, a flat variant, HTML or empty (`undefined` here); whatever cannot be read is left out.
 */
export function readRevkeenError(body: unknown): VendorErrorInfo {
  const envelope = revkeenErrorEnvelopeSchema.safeParse(body);
  if (envelope.success) {
    const { error } = envelope.data;
    return compact({
      code: error.code ?? error.type,
      message: withParam(error.message, error.param),
      requestId: error.request_id ?? envelope.data.request_id,
    });
  }
  const flat = revkeenFlatErrorSchema.safeParse(body);
  if (flat.success) {
    const { data } = flat;
    return compact({
      code: data.code,
      message: data.message ?? data.error,
      requestId: data.request_id ?? data.requestId,
    });
  }
  return {};
}

// Validation errors name the bad field in `param` (e.g. `customer.email`); the message alone often does not.
function withParam(message: string | null | undefined, param: string | null | undefined): string | undefined {
  if (!param) return message ?? undefined;
  if (!message) return `invalid parameter ${param}`;
  return message.includes(param) ? message : `${message} (param: ${param})`;
}

function compact(info: {
  code?: string | null;
  message?: string | null;
  requestId?: string | null;
}): VendorErrorInfo {
  const message = info.message?.trim();
  return {
    ...(info.code ? { code: info.code } : {}),
    ...(message
      ? {
          message: message.length > MAX_MESSAGE_LENGTH ? `${message.slice(0, MAX_MESSAGE_LENGTH)}…` : message,
        }
      : {}),
    ...(info.requestId ? { requestId: info.requestId } : {}),
  };
}

/**
 * The reader the HTTP client uses: `readRevkeenError` with the secrets taken out of every field. The shared
 * classifier redacts the message and code itself, but a vendor (or a proxy) echoing a header into `request_id`
 * would otherwise carry the key into the error.
 */
export function createRevkeenErrorReader(secrets: readonly string[]): ReadVendorError {
  return (body) => {
    const info = readRevkeenError(body);
    const redact = (value: string | undefined) =>
      value === undefined ? undefined : redactSecrets(value, secrets);
    return compact({
      code: redact(info.code),
      message: redact(info.message),
      requestId: redact(info.requestId),
    });
  };
}
