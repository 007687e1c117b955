import { loadFixture } from '@asyncjob/core/test';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createOration } from './oration-client';
import { DEFAULT_ORATION_BASE_URL, type OrationSettings, resolveOrationSettings } from './oration-settings';

const KEY = 'orn_test_FAKEKEY_1234567890';
const ORIGIN = 'https://www.oration.ai';
const JOB_ID = '5135bfe3-b2c7-41f3-a44f-f4b58e7384df';
const succeeded = loadFixture<Record<string, unknown>>(
  import.meta.url,
  '__fixtures__/oration-jobs-get-success.json',
);

function oration(settings: OrationSettings = {}) {
  return createOration({ apiKey: KEY, workspaceSlug: 'acme', createRetry: { limit: 0 }, ...settings });
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
  vi.unstubAllEnvs();
});
afterAll(() => nock.enableNetConnect());

describe('resolveOrationSettings', () => {
  it('applies the defaults', () => {
    const resolved = resolveOrationSettings({ apiKey: KEY, workspaceSlug: 'acme' }, {});
    expect(resolved._unsafeUnwrap()).toEqual({
      apiKey: KEY,
      workspaceSlug: 'acme',
      baseUrl: DEFAULT_ORATION_BASE_URL,
      headers: {},
      timeoutMs: 30_000,
    });
    expect(DEFAULT_ORATION_BASE_URL).toBe('https://www.oration.ai/api/v2');
  });

  it('falls back to the environment for each setting that has a variable', () => {
    const env = {
      ORATION_API_KEY: KEY,
      ORATION_TOKEN: 'token-1',
      ORATION_WORKSPACE_SLUG: 'acme',
      ORATION_WORKSPACE_ID: '6f8c7d9d-34e2-4f42-9f5d-8f3c5b16a6af',
      ORATION_BASE_URL: 'http://127.0.0.1:4010/api/v2',
    };
    expect(resolveOrationSettings({}, env)._unsafeUnwrap()).toMatchObject({
      apiKey: KEY,
      token: 'token-1',
      workspaceSlug: 'acme',
      workspaceId: '6f8c7d9d-34e2-4f42-9f5d-8f3c5b16a6af',
      baseUrl: 'http://127.0.0.1:4010/api/v2',
    });
  });

  it('prefers explicit settings over the environment and ignores blank variables', () => {
    const env = { ORATION_API_KEY: 'from-env', ORATION_WORKSPACE_SLUG: '  ', ORATION_WORKSPACE_ID: 'ws-env' };
    expect(resolveOrationSettings({ apiKey: KEY }, env)._unsafeUnwrap()).toMatchObject({
      apiKey: KEY,
      workspaceId: 'ws-env',
    });
    expect(resolveOrationSettings({ apiKey: KEY }, env)._unsafeUnwrap().workspaceSlug).toBeUndefined();
  });

  it.each([
    ['a missing key', {}, 'oration.apiKey', 'is required (pass it in the settings or set ORATION_API_KEY)'],
    ['an empty key', { apiKey: '' }, 'oration.apiKey', 'must not be empty'],
    ['a key with a line break', { apiKey: `${KEY}\n` }, 'oration.apiKey', 'printable ASCII'],
    [
      'no workspace',
      { apiKey: KEY, workspaceSlug: undefined },
      'oration.workspaceSlug',
      'oration.workspaceSlug or oration.workspaceId is required',
    ],
    ['a blank token', { apiKey: KEY, token: '' }, 'oration.token', 'must not be empty'],
    ['a zero timeout', { apiKey: KEY, timeoutMs: 0 }, 'oration.timeoutMs', 'oration.timeoutMs'],
    ['an empty base URL', { apiKey: KEY, baseUrl: '' }, 'oration.baseUrl', 'must not be empty'],
    [
      'a header that is not a string',
      { apiKey: KEY, headers: { 'x-a': 1 } },
      'oration.headers.x-a',
      'strings',
    ],
    ['a fetch that is not a function', { apiKey: KEY, fetch: 'no' }, 'oration.fetch', 'fetch function'],
    ['a negative retry limit', { apiKey: KEY, createRetry: { limit: -1 } }, 'oration.createRetry.limit', ''],
  ])('refuses %s with a config error naming the field', (_name, settings, field, fragment) => {
    const withWorkspace = { workspaceSlug: 'acme', ...settings } as Parameters<
      typeof resolveOrationSettings
    >[0];
    const error = resolveOrationSettings(withWorkspace, {})._unsafeUnwrapErr();
    expect(error).toMatchObject({ kind: 'config', provider: 'oration', field, retryable: false });
    expect(error.message).toContain(fragment);
    expect(JSON.stringify(error)).not.toContain(KEY);
  });
});

describe('a client built from these settings', () => {
  it('reads the environment on the first request, not when the client is created', async () => {
    const client = createOration();
    vi.stubEnv('ORATION_API_KEY', KEY);
    vi.stubEnv('ORATION_WORKSPACE_ID', 'ws-env');
    vi.stubEnv('ORATION_TOKEN', '');
    const scope = nock(ORIGIN, {
      reqheaders: { 'x-api-key': KEY, 'x-workspace-id': 'ws-env' },
      badheaders: ['authorization'],
    })
      .get(`/api/v2/jobs/${JOB_ID}`)
      .reply(200, succeeded);
    expect((await client.get(JOB_ID)).isOk()).toBe(true);
    scope.done();
  });

  it.each([
    ['no key', { apiKey: undefined }, 'oration.apiKey'],
    ['no workspace', { workspaceSlug: undefined }, 'oration.workspaceSlug'],
    ['a malformed base URL', { baseUrl: 'not a url' }, 'oration.baseUrl'],
    ['http:// to a remote host', { baseUrl: 'http://www.oration.ai/api/v2' }, 'oration.baseUrl'],
  ])('turns %s into a config error on every call, without throwing', async (_name, settings, field) => {
    vi.stubEnv('ORATION_API_KEY', '');
    vi.stubEnv('ORATION_WORKSPACE_SLUG', '');
    vi.stubEnv('ORATION_WORKSPACE_ID', '');
    const client = oration(settings as OrationSettings);
    const expected = { kind: 'config', provider: 'oration', field, retryable: false };
    expect((await client.get(JOB_ID))._unsafeUnwrapErr()).toMatchObject(expected);
    expect(
      (await client.createCustomerBatch({ customers: [{ identifier: 'a' }] }))._unsafeUnwrapErr(),
    ).toMatchObject(expected);
    expect(
      (await client.submit('customers-batch', { customers: [{ identifier: 'a' }] }))._unsafeUnwrapErr(),
    ).toMatchObject(expected);
  });

  it('accepts http:// for a loopback host', async () => {
    const scope = nock('http://127.0.0.1:4010').get(`/api/v2/jobs/${JOB_ID}`).reply(200, succeeded);
    expect((await oration({ baseUrl: 'http://127.0.0.1:4010/api/v2' }).get(JOB_ID)).isOk()).toBe(true);
    scope.done();
  });

  it('describes itself and checks ids of refs', () => {
    const client = oration();
    expect(client.provider).toBe('oration');
    expect(client.pollingAdvice).toEqual({ defaultDelayMs: 2000, minDelayMs: 1000, maxDelayMs: 30000 });
    expect(client.parseId(JOB_ID)._unsafeUnwrap()).toBe(JOB_ID);
    expect(client.parseId('..')._unsafeUnwrapErr()).toMatchObject({ kind: 'config', field: 'ref' });
    expect('cancel' in client).toBe(false);
  });
});
