import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ResponseHints } from '../response-hints';
import { createHttpClient, type HttpClientOptions } from './create-http-client';
import { requestJson } from './request-json';

const BASE = 'https://api.acme.test/v1';
const KEY = 'sk-acme-SECRET-0123456789';

const jobSchema = z.looseObject({
  ok: z.literal(true),
  item: z.object({ id: z.string(), status: z.string() }),
});

function client(overrides: Partial<HttpClientOptions> = {}) {
  return createHttpClient({
    provider: 'acme',
    baseUrl: BASE,
    headers: { authorization: `Bearer ${KEY}` },
    secrets: [KEY],
    timeoutMs: 2000,
    readError: (body) => {
      const error = (body as { error?: { code?: string; message?: string; request_id?: string } } | undefined)
        ?.error;
      return { code: error?.code, message: error?.message, requestId: error?.request_id };
    },
    readRequestId: (body) => (body as { request_id?: string }).request_id,
    createRetry: { limit: 2, delayMs: 1 },
    ...overrides,
  })._unsafeUnwrap();
}

const getJob = (
  options: { signal?: AbortSignal; timeoutMs?: number; onResponse?: (h: ResponseHints) => void } = {},
) => requestJson(client(), { method: 'get', path: 'jobs/j1', schema: jobSchema, ...options });

beforeAll(() => {
  nock.disableNetConnect();
});
afterEach(() => {
  nock.cleanAll();
});

describe('requestJson: success', () => {
  it('sends the auth header and returns the validated body with its hints', async () => {
    const scope = nock(BASE, { reqheaders: { authorization: `Bearer ${KEY}` } })
      .get('/jobs/j1')
      .reply(
        200,
        { ok: true, request_id: 'req_1', item: { id: 'j1', status: 'running', extra: 1 } },
        {
          'x-ratelimit-limit': '60',
          'x-ratelimit-remaining': '59',
          'x-ratelimit-window-ms': '60000',
        },
      );
    const seen: ResponseHints[] = [];
    const result = await getJob({ onResponse: (hints) => seen.push(hints) });
    expect(result._unsafeUnwrap().data.item).toEqual({ id: 'j1', status: 'running' });
    expect(result._unsafeUnwrap().hints).toMatchObject({
      httpStatus: 200,
      requestId: 'req_1',
      rateLimit: { limit: 60, remaining: 59, windowMs: 60_000 },
    });
    expect(seen).toHaveLength(1);
    scope.done();
  });
});

describe('requestJson: the status → kind table', () => {
  it.each([
    [400, 'invalid_request', false],
    [401, 'unauthorized', false],
    [403, 'forbidden', false],
    [404, 'not_found', false],
    [409, 'conflict', false],
    [422, 'invalid_request', false],
    [429, 'rate_limited', true],
    [500, 'server_error', true],
    [503, 'server_error', true],
  ] as const)('HTTP %i → %s (retryable %s)', async (status, kind, retryable) => {
    const scope = nock(BASE)
      .get('/jobs/j1')
      .reply(status, { ok: false, error: { code: `code_${status}`, message: 'nope', request_id: 'req_e' } });
    const error = (await getJob())._unsafeUnwrapErr();
    expect(error).toMatchObject({
      kind,
      retryable,
      httpStatus: status,
      code: `code_${status}`,
      requestId: 'req_e',
    });
    scope.done();
  });

  it('reads an HTML 502 from a proxy as server_error, not a crash', async () => {
    const scope = nock(BASE).get('/jobs/j1').reply(502, '<html><body>Bad gateway</body></html>', {
      'content-type': 'text/html',
    });
    expect((await getJob())._unsafeUnwrapErr()).toEqual({
      kind: 'server_error',
      provider: 'acme',
      message: 'acme answered HTTP 502.',
      retryable: true,
      httpStatus: 502,
    });
    scope.done();
  });

  it('reads an empty 500 as server_error', async () => {
    const scope = nock(BASE).get('/jobs/j1').reply(500);
    expect((await getJob())._unsafeUnwrapErr()).toMatchObject({ kind: 'server_error', httpStatus: 500 });
    scope.done();
  });

  it('makes 409 idempotency_in_progress retryable', async () => {
    const scope = nock(BASE)
      .get('/jobs/j1')
      .reply(409, { error: { code: 'idempotency_in_progress' } });
    expect((await getJob())._unsafeUnwrapErr()).toMatchObject({ kind: 'conflict', retryable: true });
    scope.done();
  });

  it.each([
    ['seconds', '3', 3000],
    ['an HTTP date', new Date(Date.now() + 120_000).toUTCString(), 120_000],
  ])('takes Retry-After as %s on a 429', async (_form, header, expected) => {
    const scope = nock(BASE)
      .get('/jobs/j1')
      .reply(
        429,
        { error: { code: 'api_rate_limit_exceeded' } },
        {
          'retry-after': header,
        },
      );
    const error = (await getJob())._unsafeUnwrapErr();
    expect(error.kind).toBe('rate_limited');
    expect(error.retryAfterMs).toBeGreaterThan(expected - 2000);
    expect(error.retryAfterMs).toBeLessThanOrEqual(expected);
    scope.done();
  });

  it('falls back to the rate-limit window on a 429 without Retry-After', async () => {
    const scope = nock(BASE)
      .get('/jobs/j1')
      .reply(429, {}, { 'x-ratelimit-remaining': '0', 'x-ratelimit-window-ms': '1500' });
    expect((await getJob())._unsafeUnwrapErr()).toMatchObject({ kind: 'rate_limited', retryAfterMs: 1500 });
    scope.done();
  });
});

describe('requestJson: bodies that do not fit', () => {
  it('a 200 that is not JSON is invalid_response, retryable (a truncated body is transient)', async () => {
    const scope = nock(BASE).get('/jobs/j1').reply(200, '{"ok": true, "item": {"id"');
    expect((await getJob())._unsafeUnwrapErr()).toMatchObject({ kind: 'invalid_response', retryable: true });
    scope.done();
  });

  it('JSON of the wrong shape is invalid_response with the zod issues, not retryable', async () => {
    const scope = nock(BASE)
      .get('/jobs/j1')
      .reply(200, { ok: true, item: { id: 'j1' } });
    const error = (await getJob())._unsafeUnwrapErr();
    expect(error).toMatchObject({
      kind: 'invalid_response',
      retryable: false,
      httpStatus: 200,
      issues: [{ path: 'item.status', message: expect.any(String) }],
    });
    scope.done();
  });
});

describe('requestJson: failures to talk', () => {
  it('a connection reset is a retryable network error', async () => {
    const scope = nock(BASE)
      .get('/jobs/j1')
      .replyWithError({ code: 'ECONNRESET', message: 'socket hang up' });
    expect((await getJob())._unsafeUnwrapErr()).toMatchObject({
      kind: 'network',
      retryable: true,
      provider: 'acme',
    });
    scope.done();
  });

  it('a request slower than its timeout is request_timeout', async () => {
    const scope = nock(BASE)
      .get('/jobs/j1')
      .delay(300)
      .reply(200, { ok: true, item: { id: 'j1', status: 'x' } });
    expect((await getJob({ timeoutMs: 20 }))._unsafeUnwrapErr()).toMatchObject({
      kind: 'request_timeout',
      retryable: true,
    });
    scope.done();
  });

  it('an abort is aborted', async () => {
    const scope = nock(BASE).get('/jobs/j1').delay(300).reply(200, {});
    const controller = new AbortController();
    const pending = getJob({ signal: controller.signal });
    setTimeout(() => controller.abort(), 5);
    expect((await pending)._unsafeUnwrapErr()).toMatchObject({ kind: 'aborted', retryable: false });
    scope.done();
  });
});

describe('retries: lookups never, idempotent creates with the same key', () => {
  it('does not retry a GET (the poller owns retries)', async () => {
    const scope = nock(BASE).get('/jobs/j1').reply(503, {});
    expect((await getJob())._unsafeUnwrapErr().kind).toBe('server_error');
    scope.done();
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('retries an idempotent create with the same Idempotency-Key', async () => {
    const keys: string[] = [];
    const scope = nock(BASE)
      .post('/jobs')
      .times(2)
      .reply(function () {
        keys.push(String(this.req.headers['idempotency-key']));
        return keys.length === 1
          ? [503, { error: { code: 'task_unavailable' } }]
          : [202, { ok: true, item: { id: 'j9', status: 'queued' } }];
      });
    const result = await requestJson(client(), {
      method: 'post',
      path: 'jobs',
      json: { a: 1 },
      headers: { 'idempotency-key': 'key-1' },
      schema: jobSchema,
      retry: 'idempotent',
    });
    expect(result._unsafeUnwrap().data.item.id).toBe('j9');
    expect(keys).toEqual(['key-1', 'key-1']);
    scope.done();
  });

  it('never retries a create without an idempotency key', async () => {
    const scope = nock(BASE).post('/jobs').reply(503, {});
    const result = await requestJson(client(), { method: 'post', path: 'jobs', json: {}, schema: jobSchema });
    expect(result._unsafeUnwrapErr().kind).toBe('server_error');
    scope.done();
  });
});

describe('callers that misbehave', () => {
  it('refuses a body JSON cannot encode as invalid_request, before any request', async () => {
    const result = await requestJson(client(), {
      method: 'post',
      path: 'jobs',
      json: { n: 1n },
      schema: jobSchema,
    });
    expect(result._unsafeUnwrapErr()).toMatchObject({ kind: 'invalid_request', retryable: false });
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('turns an onResponse hook that throws into an error, not a rejection', async () => {
    const scope = nock(BASE)
      .get('/jobs/j1')
      .reply(200, { ok: true, item: { id: 'j1', status: 'x' } });
    const result = await getJob({
      onResponse: () => {
        throw new Error('hook');
      },
    });
    expect(result._unsafeUnwrapErr()).toMatchObject({ kind: 'invalid_response', httpStatus: 200 });
    scope.done();
  });
});

describe('secrets', () => {
  it('redacts a key given with a trailing newline, which headers send trimmed', async () => {
    const http = client({ headers: { authorization: `Bearer ${KEY}` }, secrets: [`${KEY}\n`] });
    const scope = nock(BASE)
      .get('/jobs/j1')
      .reply(401, { error: { code: 'x', message: `bad ${KEY}` } });
    const error = (
      await requestJson(http, { method: 'get', path: 'jobs/j1', schema: jobSchema })
    )._unsafeUnwrapErr();
    expect(JSON.stringify(error)).not.toContain(KEY);
    scope.done();
  });

  it('never puts the key into an error, even when the vendor echoes it', async () => {
    const scope = nock(BASE)
      .get('/jobs/j1')
      .reply(401, { error: { code: 'api_key_invalid', message: `key ${KEY} is invalid` } });
    const error = (await getJob())._unsafeUnwrapErr();
    expect(error.kind).toBe('unauthorized');
    expect(JSON.stringify(error)).not.toContain(KEY);
    expect(error.message).toContain('[redacted]');
    scope.done();
  });

  it('keeps the key out of network errors', async () => {
    const scope = nock(BASE).get('/jobs/j1').replyWithError(`connect failed for Bearer ${KEY}`);
    const error = (await getJob())._unsafeUnwrapErr();
    expect(JSON.stringify(error)).not.toContain(KEY);
    scope.done();
  });
});

describe('createHttpClient', () => {
  it.each([
    ['not a url', 'acme.baseUrl is not a valid URL.'],
    [
      'http://api.acme.test/v1',
      'acme.baseUrl may use http:// only for a loopback host; use https:// for api.acme.test.',
    ],
    ['ftp://api.acme.test', 'acme.baseUrl must use https:// (got ftp:).'],
  ])('refuses the base URL %s with a config error', (baseUrl, message) => {
    const result = createHttpClient({
      provider: 'acme',
      baseUrl,
      headers: {},
      secrets: [],
      readError: () => ({}),
    });
    expect(result._unsafeUnwrapErr()).toEqual({
      kind: 'config',
      provider: 'acme',
      message,
      retryable: false,
      field: 'acme.baseUrl',
    });
  });

  it.each(['http://127.0.0.1:4010/acme', 'http://localhost:1/x', 'http://[::1]:8080/'])(
    'accepts loopback %s',
    (baseUrl) => {
      const result = createHttpClient({
        provider: 'acme',
        baseUrl,
        headers: {},
        secrets: [],
        readError: () => ({}),
      });
      expect(result.isOk()).toBe(true);
    },
  );
});
