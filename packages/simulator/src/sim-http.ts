import type { IncomingHttpHeaders } from 'node:http';

/** A request body as read from the socket. */
export type RequestBody =
  | { readonly kind: 'empty'; readonly text: '' }
  | { readonly kind: 'json'; readonly value: unknown; readonly text: string }
  | { readonly kind: 'invalid'; readonly text: string };

/** What a vendor handler sees of a request. */
export interface SimRequest {
  readonly method: string;
  /** The path below the vendor's base, e.g. `/outreach/jobs/abc`. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly params: Readonly<Record<string, string>>;
  readonly body: RequestBody;
  /** The simulator clock when the request arrived. */
  readonly nowMs: number;
}

/** What a vendor handler answers; the server serializes it. */
export interface SimResponse {
  readonly status: number;
  /** JSON-serializable data, or a string sent as HTML when `html` is set. */
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  readonly html?: boolean;
}

/** A JSON response. */
export function jsonResponse(status: number, body: unknown, headers?: Record<string, string>): SimResponse {
  return headers ? { status, body, headers } : { status, body };
}

/** A header's single value (the first one when repeated), trimmed; undefined when absent or empty. */
export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const raw = headers[name];
  const value = (Array.isArray(raw) ? raw[0] : raw)?.trim();
  return value ? value : undefined;
}

/** Parses a body's text: empty, JSON, or invalid. */
export function parseBody(text: string): RequestBody {
  if (text.trim() === '') return { kind: 'empty', text: '' };
  try {
    return { kind: 'json', value: JSON.parse(text) as unknown, text };
  } catch {
    return { kind: 'invalid', text };
  }
}

/** The parsed JSON object of a body, `{}` for an empty body, or undefined when it is not an object. */
export function bodyObject(body: RequestBody): Record<string, unknown> | undefined {
  if (body.kind === 'empty') return {};
  if (
    body.kind === 'json' &&
    typeof body.value === 'object' &&
    body.value !== null &&
    !Array.isArray(body.value)
  ) {
    return body.value as Record<string, unknown>;
  }
  return undefined;
}

/** An ISO 8601 string of epoch milliseconds. */
export function isoTime(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

/** An ISO string, or null when the time is not known. */
export function isoOrNull(epochMs: number | null | undefined): string | null {
  return epochMs === null || epochMs === undefined ? null : isoTime(epochMs);
}
