import type { AsyncJobError } from '@asyncjob/core';
import { loadFixture } from '@asyncjob/core/test';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createRevkeen } from './revkeen-client';
import {
  REVKEEN_DEFAULT_BASE_URL,
  type RevkeenSettings,
  resolveRevkeenSettings,
  revkeenModeOf,
} from './revkeen-settings';

describe('resolveRevkeenSettings', () => {
  it('applies the defaults', () => {
    expect(resolveRevkeenSettings({ apiKey: 'rk_live_1' }, {})._unsafeUnwrap()).toEqual({
      apiKey: 'rk_live_1',
      baseUrl: REVKEEN_DEFAULT_BASE_URL,
      baseUrlField: 'revkeen.baseUrl',
      headers: {},
      timeoutMs: 30_000,
      mode: 'live',
    });
  });

  it('keeps every given setting', () => {
    const fetch = globalThis.fetch;
    const settings: RevkeenSettings = {
      apiKey: 'rk_sandbox_1',
      baseUrl: 'http://127.0.0.1:4010/v2',
      headers: { 'x-trace': '1' },
      fetch,
      timeoutMs: 5000,
      createRetry: { limit: 0 },
      apiVersion: '2026-05-01',
    };
    expect(resolveRevkeenSettings(settings, undefined)._unsafeUnwrap()).toEqual({
      ...settings,
      baseUrlField: 'revkeen.baseUrl',
      mode: 'sandbox',
    });
  });

  it('falls back to REVKEEN_API_KEY and REVKEEN_BASE_URL', () => {
    const env = {
      REVKEEN_API_KEY: ' rk_sandbox_env ',
      REVKEEN_BASE_URL: 'https://staging-api.revkeen.com/v2',
    };
    expect(resolveRevkeenSettings({}, env)._unsafeUnwrap()).toMatchObject({
      apiKey: 'rk_sandbox_env',
      baseUrl: 'https://staging-api.revkeen.com/v2',
      baseUrlField: 'REVKEEN_BASE_URL',
      mode: 'sandbox',
    });
  });

  it('prefers the settings over the environment', () => {
    const env = { REVKEEN_API_KEY: 'rk_live_env', REVKEEN_BASE_URL: 'https://env.example' };
    expect(
      resolveRevkeenSettings({ apiKey: 'rk_live_set', baseUrl: 'https://set.example' }, env)._unsafeUnwrap(),
    ).toMatchObject({
      apiKey: 'rk_live_set',
      baseUrl: 'https://set.example',
      baseUrlField: 'revkeen.baseUrl',
    });
  });

  it.each([
    [{}, {}, 'revkeen.apiKey', 'revkeen.apiKey is required: pass apiKey or set REVKEEN_API_KEY.'],
    [{ apiKey: '' }, undefined, 'revkeen.apiKey', 'revkeen.apiKey is required.'],
    [{}, { REVKEEN_API_KEY: '   ' }, 'revkeen.apiKey', undefined],
    [
      { apiKey: 'rk_live_a b' },
      {},
      'revkeen.apiKey',
      'revkeen.apiKey contains whitespace or control characters.',
    ],
    [{}, { REVKEEN_API_KEY: 'rk_live_a\u0000b' }, 'REVKEEN_API_KEY', undefined],
    [{ apiKey: 'k', timeoutMs: -1 }, {}, 'revkeen.timeoutMs', undefined],
    [{ apiKey: 'k', baseUrl: '' }, {}, 'revkeen.baseUrl', undefined],
    [{ apiKey: 'k', headers: { a: 1 } }, {}, 'revkeen.headers.a', undefined],
    [{ apiKey: 'k', fetch: 'fetch' }, {}, 'revkeen.fetch', undefined],
    [{ apiKey: 'k', createRetry: { limit: -1 } }, {}, 'revkeen.createRetry.limit', undefined],
    [{ apiKey: 'k', apikey: 'typo' }, {}, 'revkeen.apikey', 'revkeen.apikey is not a known setting.'],
    ['not settings', {}, 'revkeen.settings', undefined],
  ])('rejects %j with a config error naming %s', (settings, env, field, message) => {
    const error = resolveRevkeenSettings(settings, env)._unsafeUnwrapErr();
    expect(error).toMatchObject({ kind: 'config', provider: 'revkeen', field, retryable: false });
    if (message) expect(error.message).toBe(message);
  });

  it('never quotes the key in an error', () => {
    const error = resolveRevkeenSettings({ apiKey: 'rk_live_SECRET\n' }, {})._unsafeUnwrapErr();
    expect(JSON.stringify(error)).not.toContain('SECRET');
  });
});

describe('revkeenModeOf', () => {
  it.each([
    ['rk_sandbox_abc', 'sandbox'],
    ['rk_live_abc', 'live'],
    ['rk_oauth_abc', 'unknown'],
    ['rk_test_abc', 'unknown'],
    [undefined, 'unknown'],
  ] as const)('%s → %s', (key, mode) => {
    expect(revkeenModeOf(key)).toBe(mode);
  });
});

const BASE = 'https://api.revkeen.com/v2';
const KEY = 'rk_sandbox_FAKE-KEY-7f3a9c2e5b';
const ID = 'a1/r1';
const RUN_PATH = '/automations/a1/runs/r1';

const fixture = (name: string) => loadFixture<object>(import.meta.url, `__fixtures__/${name}.json`);
const client = (settings: RevkeenSettings = {}) =>
  createRevkeen({ apiKey: KEY, createRetry: { limit: 0 }, ...settings });
const api = () => nock(BASE, { reqheaders: { 'x-api-key': KEY }, badheaders: ['authorization'] });

beforeAll(() => {
  nock.disableNetConnect();
});
afterEach(() => {
  nock.cleanAll();
  vi.unstubAllEnvs();
});

describe('settings, through the client', () => {
  it('reads REVKEEN_API_KEY on the first request, not at creation', async () => {
    const revkeen = createRevkeen({ createRetry: { limit: 0 } });
    vi.stubEnv('REVKEEN_API_KEY', KEY);
    const scope = api().get(RUN_PATH).reply(200, fixture('revkeen-run-get-queued'));
    expect((await revkeen.get(ID)).isOk()).toBe(true);
    expect(revkeen.mode).toBe('sandbox');
    scope.done();
  });

  it('fails every call with a config error when the key is missing, and never throws', async () => {
    vi.stubEnv('REVKEEN_API_KEY', '');
    const revkeen = createRevkeen();
    const expected = { kind: 'config', provider: 'revkeen', field: 'revkeen.apiKey' };
    expect((await revkeen.get(ID))._unsafeUnwrapErr()).toMatchObject(expected);
    expect((await revkeen.runAutomation('a1'))._unsafeUnwrapErr()).toMatchObject(expected);
    expect((await revkeen.submit('run', { automationId: 'a1' }))._unsafeUnwrapErr()).toMatchObject(expected);
    expect((await revkeen.listRuns('a1'))._unsafeUnwrapErr()).toMatchObject(expected);
    expect((await revkeen.listApprovals())._unsafeUnwrapErr()).toMatchObject(expected);
    expect((await revkeen.approve('p1'))._unsafeUnwrapErr()).toMatchObject(expected);
    expect((await revkeen.reject('p1'))._unsafeUnwrapErr()).toMatchObject(expected);
    expect(revkeen.mode).toBe('unknown');
  });

  it.each([
    ['http://api.revkeen.com/v2', 'revkeen.baseUrl'],
    ['not a url', 'revkeen.baseUrl'],
  ])('rejects the base URL %s', async (baseUrl, field) => {
    expect((await client({ baseUrl }).get(ID))._unsafeUnwrapErr()).toMatchObject({ kind: 'config', field });
  });

  it('tells live, sandbox and other keys apart', () => {
    expect(client().mode).toBe('sandbox');
    expect(client({ apiKey: 'rk_live_x' }).mode).toBe('live');
    expect(client({ apiKey: 'rk_oauth_x' }).mode).toBe('unknown');
  });

  it('sends custom headers and the API version, but never lets them replace the key', async () => {
    const scope = nock(BASE, {
      reqheaders: { 'x-api-key': KEY, 'x-trace': 't1', 'revkeen-version': '2026-05-01' },
    })
      .get(RUN_PATH)
      .reply(200, fixture('revkeen-run-get-queued'));
    const revkeen = client({ headers: { 'X-Api-Key': 'other', 'x-trace': 't1' }, apiVersion: '2026-05-01' });
    expect((await revkeen.get(ID)).isOk()).toBe(true);
    scope.done();
  });

  it('talks to a loopback base over http', async () => {
    const scope = nock('http://127.0.0.1:4010')
      .get(`/v2${RUN_PATH}`)
      .reply(200, fixture('revkeen-run-get-queued'));
    expect((await client({ baseUrl: 'http://127.0.0.1:4010/v2' }).get(ID)).isOk()).toBe(true);
    scope.done();
  });
});

describe('the API key never leaks', () => {
  it('appears in no error, whatever failed', async () => {
    const echo = { error: { code: 'invalid_api_key', message: `Invalid API key ${KEY}`, request_id: KEY } };
    const scope = api()
      .get(RUN_PATH)
      .reply(401, echo)
      .get(RUN_PATH)
      .reply(200, { data: { id: 'r1', status: 5, note: KEY } })
      .get(RUN_PATH)
      .reply(502, `<html>${KEY}</html>`)
      .post('/automations/a1/runs')
      .reply(409, { error: `Conflict for ${KEY}` })
      .get(RUN_PATH)
      .replyWithError(`socket hang up ${KEY}`);
    const revkeen = client();
    const errors: AsyncJobError[] = [];
    for (let index = 0; index < 3; index += 1) errors.push((await revkeen.get(ID))._unsafeUnwrapErr());
    errors.push((await revkeen.runAutomation('a1'))._unsafeUnwrapErr());
    errors.push((await revkeen.get(ID))._unsafeUnwrapErr());
    errors.push((await client({ apiKey: `${KEY} ` }).get(ID))._unsafeUnwrapErr());
    errors.push((await client({ baseUrl: `http://example.com/${KEY}` }).get(ID))._unsafeUnwrapErr());
    expect(errors.map((error) => error.kind)).toEqual([
      'unauthorized',
      'invalid_response',
      'server_error',
      'conflict',
      'network',
      'config',
      'config',
    ]);
    for (const error of errors) expect(JSON.stringify(error)).not.toContain(KEY);
    scope.done();
  });
});
