import type { VendorErrorInfo } from '@asyncjob/core/http';
import { orationErrorBodySchema } from './oration-api';

/** Longest vendor message kept; a proxy may answer with a whole page of text. */
const MAX_MESSAGE_LENGTH = 500;

/** A word that reads like a machine code (`not_found`, `invalid-api-key`), not like a sentence. */
const CODE_PATTERN = /^[A-Za-z][A-Za-z0-9_.-]*$/;

/**
 * Reads an Oration error body into the code, message and request id the shared classifier needs. The kind
 * always comes from the HTTP status; this only adds detail. Oration documents no error format, so any JSON
 * shape is accepted, and HTML, empty or non-object bodies give `{}`.
 * @see https://docs.oration.ai/api-reference/endpoint/jobs/get
 */
export function readOrationError(body: unknown): VendorErrorInfo {
  if (typeof body === 'string') return withoutEmpty({ message: clip(body) });
  const parsed = orationErrorBodySchema.safeParse(body);
  if (!parsed.success) return {};
  const { code, message, requestId, error, errors } = parsed.data;
  const nested = typeof error === 'object' && error !== null ? error : undefined;
  const flatError = typeof error === 'string' ? error : undefined;
  const firstItem = errors?.[0];
  const itemMessage = firstItem?.error ?? firstItem?.message ?? undefined;
  const bestMessage = nested?.message ?? message ?? flatError ?? itemMessage ?? undefined;
  // `{ error: 'not_found', message: 'Job not found' }`: the `error` word is a code when a message sits beside it.
  const codeFromError =
    flatError !== undefined && message && CODE_PATTERN.test(flatError) ? flatError : undefined;
  return withoutEmpty({
    code: nested?.code ?? code ?? codeFromError ?? undefined,
    message: bestMessage === undefined || bestMessage === null ? undefined : clip(bestMessage),
    requestId: nested?.requestId ?? requestId ?? undefined,
  });
}

function clip(text: string): string {
  const trimmed = text.trim();
  return trimmed.length > MAX_MESSAGE_LENGTH ? `${trimmed.slice(0, MAX_MESSAGE_LENGTH)}…` : trimmed;
}

function withoutEmpty(info: { code?: string; message?: string; requestId?: string }): VendorErrorInfo {
  return Object.fromEntries(
    Object.entries(info).filter(([, value]) => typeof value === 'string' && value.trim() !== ''),
  );
}
