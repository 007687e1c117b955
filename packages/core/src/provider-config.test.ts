import { describe, expect, it } from 'vitest';
import { parseProviderConfig } from './provider-config';

describe('parseProviderConfig', () => {
  it('accepts each known provider', () => {
    expect(parseProviderConfig({ provider: 'revor', apiKey: 'k', authScheme: 'x-api-key' }).isOk()).toBe(
      true,
    );
    expect(parseProviderConfig({ provider: 'outx', apiKey: 'k' }).isOk()).toBe(true);
    expect(parseProviderConfig({ provider: 'oration', apiKey: 'k', workspaceId: 'w' }).isOk()).toBe(true);
    expect(parseProviderConfig({ provider: 'revkeen', apiKey: 'rk_sandbox_1', timeoutMs: 5000 }).isOk()).toBe(
      true,
    );
  });

  it('accepts another adapter with its own extra settings', () => {
    expect(parseProviderConfig({ provider: 'acme', apiKey: 'k', region: 'eu' })._unsafeUnwrap()).toEqual({
      provider: 'acme',
      apiKey: 'k',
      region: 'eu',
    });
  });

  it.each([
    [{ provider: 'revor' }, 'revor.apiKey'],
    [{ provider: 'revor', apiKey: '' }, 'revor.apiKey'],
    [{ provider: 'revor', apiKey: 'k', authScheme: 'basic' }, 'revor.authScheme'],
    [{ provider: 'oration', apiKey: 'k' }, 'oration.workspaceSlug'],
    [{ provider: 'outx', apiKey: 'k', timeoutMs: -1 }, 'outx.timeoutMs'],
    [{ provider: 'outx', apiKey: 'k', headers: { a: 1 } }, 'outx.headers.a'],
    [{ apiKey: 'k' }, 'provider'],
    [null, 'provider'],
  ])('%j fails naming %s', (config, field) => {
    const error = parseProviderConfig(config)._unsafeUnwrapErr();
    expect(error).toMatchObject({ kind: 'config', field });
    expect(error.message).toContain(field);
  });

  it('refuses a misspelt field instead of dropping it', () => {
    const error = parseProviderConfig({
      provider: 'revor',
      apiKey: 'k',
      baseURL: 'http://localhost:1',
    })._unsafeUnwrapErr();
    expect(error).toMatchObject({ kind: 'config' });
    expect(error.message).toContain('baseURL');
  });

  it.each(['constructor', '__proto__', 'toString'])(
    'treats provider %s as any other adapter, without throwing',
    (provider) => {
      expect(() => parseProviderConfig({ provider, apiKey: 'k' })).not.toThrow();
    },
  );

  it('never echoes the key in a config error', () => {
    const error = parseProviderConfig({
      provider: 'revor',
      apiKey: 'sk-revor-SECRET',
      baseUrl: 7,
    })._unsafeUnwrapErr();
    expect(JSON.stringify(error)).not.toContain('sk-revor-SECRET');
  });
});
