import type { AsyncJobError } from '@asyncjob/core';
import type { VendorErrorInfo } from '@asyncjob/core/http';

/**
 * The codes this adapter derives. OutX errors are a flat `{ "error": "<message>" }` with no machine-readable code
 * (https://docs.outx.ai/linkedin-api/authentication), so a stable code is derived from the message's prefix, or
 * from the HTTP status when the body says nothing we recognise.
 */
export type OutxErrorCode =
  | 'missing_api_key'
  | 'invalid_api_key'
  | 'unauthorized'
  | 'extension_inactive'
  | 'forbidden'
  | 'task_not_found'
  | 'no_admin_user'
  | 'not_found'
  | 'method_not_allowed'
  | 'invitation_limit'
  | 'rate_limit_exceeded'
  | 'invalid_input';

/**
 * Message prefixes, compared in lower case, in order: "invalid api key" must win over "invalid '".
 * Sources: get-task-status, fetch-profile, send-connection-request, send-message, like-post, authentication and
 * rate-limits pages at https://docs.outx.ai/linkedin-api/.
 */
const MESSAGE_PREFIXES: readonly (readonly [string, OutxErrorCode])[] = [
  ['missing api key', 'missing_api_key'],
  ['invalid api key', 'invalid_api_key'],
  ['unauthorized', 'unauthorized'],
  ['plugin installation required', 'extension_inactive'],
  ['agent task not found', 'task_not_found'],
  ['no admin user found', 'no_admin_user'],
  // The full text is not published ("LinkedIn invitation limit r…"): the prefix is all we can rely on.
  ['linkedin invitation limit', 'invitation_limit'],
  ['rate limit exceeded', 'rate_limit_exceeded'],
  ["missing or invalid '", 'invalid_input'],
  ["invalid '", 'invalid_input'],
  ['message text is too long', 'invalid_input'],
  ['method not allowed', 'method_not_allowed'],
];

/** What a status means when the body gives no message we recognise (empty, HTML, or a new text). */
const STATUS_CODES: Readonly<Record<number, OutxErrorCode>> = {
  400: 'invalid_input',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  429: 'rate_limit_exceeded',
};

/** Appended to the 403 message: the vendor's own text stops at "Plugin installation required…". */
const EXTENSION_HINT =
  'Install and activate the OutX Chrome extension: at least one team member must have had it active in the ' +
  'last 48 hours (https://docs.outx.ai/linkedin-api/authentication).';

const MAX_MESSAGE_LENGTH = 500;

/** The code for an OutX error message, from its prefix; undefined when the message is not one OutX documents. */
export function outxCodeForMessage(message: string): OutxErrorCode | undefined {
  const text = message.trim().toLowerCase();
  return MESSAGE_PREFIXES.find(([prefix]) => text.startsWith(prefix))?.[1];
}

/**
 * Reads an OutX error body for the shared classifier. Bodies may be flat (`{ error: "…" }`), nested
 * (`{ error: { code, message } }`), `{ message }`, a bare JSON string, or not JSON at all (`undefined`).
 */
export function readOutxError(body: unknown): VendorErrorInfo {
  const found = findMessage(body);
  const message = found.message?.trim().slice(0, MAX_MESSAGE_LENGTH);
  if (!message) return found.code ? { code: found.code } : {};
  const derived = outxCodeForMessage(message);
  const code = found.code ?? derived;
  const text =
    derived === 'extension_inactive' ? `${message.replace(/[.…\s]+$/, '')}. ${EXTENSION_HINT}` : message;
  return { ...(code ? { code } : {}), message: text };
}

/**
 * Gives an error from an OutX response a code when the body had none we recognise, from its HTTP status
 * (the reader above only sees the body).
 */
export function withOutxErrorCode(error: AsyncJobError): AsyncJobError {
  if (error.code !== undefined || error.httpStatus === undefined) return error;
  const code = STATUS_CODES[error.httpStatus];
  return code ? { ...error, code } : error;
}

function findMessage(body: unknown): { message?: string; code?: string } {
  if (typeof body === 'string') return { message: body };
  if (typeof body !== 'object' || body === null) return {};
  const record = body as Record<string, unknown>;
  const code = nonEmptyString(record.code);
  if (typeof record.error === 'string') return { message: record.error, code };
  if (typeof record.error === 'object' && record.error !== null) {
    const nested = record.error as Record<string, unknown>;
    return {
      message: nonEmptyString(nested.message) ?? nonEmptyString(record.message),
      code: nonEmptyString(nested.code) ?? code,
    };
  }
  return { message: nonEmptyString(record.message), code };
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
