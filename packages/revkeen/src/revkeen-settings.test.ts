import { describe, expect, it } from 'vitest';
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
