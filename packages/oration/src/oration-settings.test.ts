import { describe, expect, it } from 'vitest';
import { DEFAULT_ORATION_BASE_URL, resolveOrationSettings } from './oration-settings';

const KEY = 'orn_test_FAKEKEY_1234567890';

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
