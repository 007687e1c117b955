import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimResponse } from './sim-http';

/** The largest request body the simulator reads. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Reads a request body as UTF-8; `undefined` when it is larger than `limitBytes` (the rest is drained). */
export function readBody(request: IncomingMessage, limitBytes = MAX_BODY_BYTES): Promise<string | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    let settled = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      resolve(tooLarge ? undefined : Buffer.concat(chunks).toString('utf8'));
    };
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limitBytes) tooLarge = true;
      else chunks.push(chunk);
    });
    request.on('end', finish);
    request.on('close', finish);
    request.on('error', finish);
  });
}

/** A response serialized for the wire. */
export interface SerializedResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly payload: string;
}

/** Turns a response into bytes; `truncate` cuts the body in half, the way a dropped proxy connection would. */
export function serializeResponse(response: SimResponse, truncate = false): SerializedResponse {
  const html = response.html === true;
  const full = html ? String(response.body) : JSON.stringify(response.body ?? null);
  const payload = truncate ? full.slice(0, Math.max(1, Math.floor(full.length / 2))) : full;
  return {
    status: response.status,
    headers: {
      ...response.headers,
      'content-type': html ? 'text/html; charset=utf-8' : 'application/json; charset=utf-8',
      'content-length': String(Buffer.byteLength(payload)),
    },
    payload,
  };
}

/** Writes a serialized response unless the socket is already gone. */
export function writeResponse(target: ServerResponse, response: SerializedResponse): void {
  if (target.destroyed || target.writableEnded) return;
  target.writeHead(response.status, response.headers);
  target.end(response.payload);
}

const PROXY_PAGES: readonly { readonly status: number; readonly page: string }[] = [
  {
    status: 502,
    page:
      '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n' +
      '<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n',
  },
  {
    status: 503,
    page:
      '<!DOCTYPE html><html><head><title>503 Service Unavailable</title></head><body><h1>Service Unavailable</h1>' +
      '<p>The server is temporarily unable to service your request. Please try again later.</p></body></html>',
  },
];

/** A proxy's HTML error page instead of the vendor's JSON; `draw` in [0, 1) picks which one. */
export function proxyErrorResponse(draw: number): SimResponse {
  const chosen =
    PROXY_PAGES[Math.floor(draw * PROXY_PAGES.length)] ?? (PROXY_PAGES[0] as (typeof PROXY_PAGES)[0]);
  return { status: chosen.status, body: chosen.page, html: true };
}
