import { loadFixture } from '@asyncjob/core/test';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createOutx } from './outx-client';
import {
  OUTX_DEFAULT_BASE_URL,
  type OutxSettings,
  parseOutxSettings,
  resolveOutxSettings,
} from './outx-settings';

const TASK_ID = '550e8400-e29b-41d4-a716-446655440000';
const pending = loadFixture<Record<string, unknown>>(
  import.meta.url,
  '__fixtures__/outx-get-task-status-pending.json',
);

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
  vi.unstubAllEnvs();
});
afterAll(() => nock.enableNetConnect());

describe('parseOutxSettings', () => {
  it('accepts empty settings', () => {
    expect(parseOutxSettings({})._unsafeUnwrap()).toEqual({});
    expect(parseOutxSettings(undefined)._unsafeUnwrap()).toEqual({});
  });

  it.each([
    [{ apiKey: '' }, 'outx.apiKey'],
    [{ baseUrl: ' ' }, 'outx.baseUrl'],
    [{ timeoutMs: -1 }, 'outx.timeoutMs'],
    [{ timeoutMs: 1.5 }, 'outx.timeoutMs'],
    [{ headers: { 'x-team': 1 } }, 'outx.headers.x-team'],
    [{ fetch: 'fetch' }, 'outx.fetch'],
    [{ createRetry: { limit: -1 } }, 'outx.createRetry.limit'],
    [{ apikey: 'typo' }, 'outx.apikey'],
  ])('names the bad field of %j', (settings, field) => {
    expect(parseOutxSettings(settings)._unsafeUnwrapErr()).toMatchObject({
      kind: 'config',
      provider: 'outx',
      field,
    });
  });
});

describe('resolveOutxSettings', () => {
  it('falls back to OUTX_API_KEY and OUTX_BASE_URL, then to the default base', () => {
    const environment = { OUTX_API_KEY: ' env-key ', OUTX_BASE_URL: 'http://127.0.0.1:4010/linkedin-agent' };
    expect(resolveOutxSettings({}, environment)._unsafeUnwrap()).toEqual({
      apiKey: 'env-key',
      baseUrl: 'http://127.0.0.1:4010/linkedin-agent',
      baseUrlField: 'OUTX_BASE_URL',
      headers: {},
      timeoutMs: 30_000,
    });
    expect(resolveOutxSettings({ apiKey: 'k' }, {})._unsafeUnwrap()).toMatchObject({
      baseUrl: OUTX_DEFAULT_BASE_URL,
      baseUrlField: 'outx.baseUrl',
    });
  });

  it('prefers the settings over the environment and drops a custom x-api-key header', () => {
    const settings: OutxSettings = { apiKey: 'k', headers: { 'X-API-KEY': 'other', 'x-team': 'a' } };
    expect(resolveOutxSettings(settings, { OUTX_API_KEY: 'env' })._unsafeUnwrap()).toMatchObject({
      apiKey: 'k',
      headers: { 'x-team': 'a' },
    });
  });

  it('asks for the key when neither the settings nor the environment has one', () => {
    expect(resolveOutxSettings({}, { OUTX_API_KEY: '  ' })._unsafeUnwrapErr()).toEqual({
      kind: 'config',
      provider: 'outx',
      message: 'outx.apiKey is missing: pass apiKey or set OUTX_API_KEY.',
      retryable: false,
      field: 'outx.apiKey',
    });
  });
});

describe('createOutx with bad settings', () => {
  it('never throws, and every call returns the config error without a request', async () => {
    vi.stubEnv('OUTX_API_KEY', undefined);
    const missingKey = createOutx();
    expect((await missingKey.get(TASK_ID))._unsafeUnwrapErr()).toMatchObject({
      kind: 'config',
      field: 'outx.apiKey',
    });
    expect((await missingKey.fetchProfile({ profileSlug: 'x' }))._unsafeUnwrapErr()).toMatchObject({
      kind: 'config',
      field: 'outx.apiKey',
    });
    const garbage = createOutx({ timeoutMs: 'soon' } as unknown as OutxSettings);
    expect((await garbage.get(TASK_ID))._unsafeUnwrapErr()).toMatchObject({
      kind: 'config',
      field: 'outx.timeoutMs',
    });
  });

  it.each([
    ['not a url', 'outx.baseUrl is not a valid URL.'],
    [
      'http://api.outx.ai/linkedin-agent',
      'outx.baseUrl may use http:// only for a loopback host; use https:// for api.outx.ai.',
    ],
    ['ftp://api.outx.ai', 'outx.baseUrl must use https:// (got ftp:).'],
  ])('refuses the base URL %j', async (baseUrl, message) => {
    const client = createOutx({ apiKey: 'k', baseUrl });
    expect((await client.get(TASK_ID))._unsafeUnwrapErr()).toMatchObject({
      kind: 'config',
      field: 'outx.baseUrl',
      message,
    });
  });

  it('reads OUTX_API_KEY on the first request, not when the client is created', async () => {
    vi.stubEnv('OUTX_API_KEY', undefined);
    const client = createOutx({ baseUrl: 'http://127.0.0.1:4010/linkedin-agent' });
    vi.stubEnv('OUTX_API_KEY', 'key-set-after-creation');
    const scope = nock('http://127.0.0.1:4010')
      .get('/linkedin-agent/get-task-status')
      .query({ api_agent_task_id: TASK_ID })
      .matchHeader('x-api-key', 'key-set-after-creation')
      .reply(200, pending);
    expect((await client.get(TASK_ID))._unsafeUnwrap().status).toBe('queued');
    scope.done();
  });

  it('picks up a key set after a call failed for the lack of one', async () => {
    vi.stubEnv('OUTX_API_KEY', undefined);
    const client = createOutx();
    expect((await client.get(TASK_ID)).isErr()).toBe(true);
    vi.stubEnv('OUTX_API_KEY', 'late-key');
    const scope = nock('https://api.outx.ai')
      .get('/linkedin-agent/get-task-status')
      .query(true)
      .matchHeader('x-api-key', 'late-key')
      .reply(200, pending);
    expect((await client.get(TASK_ID)).isOk()).toBe(true);
    scope.done();
  });
});
