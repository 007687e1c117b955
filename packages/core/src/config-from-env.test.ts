import { describe, expect, it } from 'vitest';
import { configFromEnv } from './config-from-env';

describe('configFromEnv', () => {
  it('reads every configured vendor and skips the others', () => {
    const configs = configFromEnv({
      REVOR_API_KEY: 'sk-revor-1',
      REVOR_BASE_URL: 'http://127.0.0.1:4010/revor/api/v1',
      ORATION_API_KEY: 'or-1',
      ORATION_TOKEN: 'tok',
      ORATION_WORKSPACE_SLUG: 'acme',
      REVKEEN_API_KEY: 'rk_sandbox_1',
      PATH: '/usr/bin',
    })._unsafeUnwrap();
    expect(configs).toEqual([
      { provider: 'revor', apiKey: 'sk-revor-1', baseUrl: 'http://127.0.0.1:4010/revor/api/v1' },
      { provider: 'oration', apiKey: 'or-1', token: 'tok', workspaceSlug: 'acme' },
      { provider: 'revkeen', apiKey: 'rk_sandbox_1' },
    ]);
  });

  it('returns nothing for an empty environment', () => {
    expect(configFromEnv({})._unsafeUnwrap()).toEqual([]);
  });

  it.each([
    [{ OUTX_BASE_URL: 'https://x.test' }, 'OUTX_API_KEY'],
    [{ ORATION_API_KEY: 'k' }, 'ORATION_WORKSPACE_SLUG'],
    [{ REVKEEN_API_KEY: '   ', REVKEEN_BASE_URL: 'https://x.test' }, 'REVKEEN_API_KEY'],
  ])('%j → a config error naming %s', (env, variable) => {
    const error = configFromEnv(env)._unsafeUnwrapErr();
    expect(error).toMatchObject({ kind: 'config', field: variable });
    expect(error.message.startsWith(variable)).toBe(true);
    expect(error.message).not.toContain('Invalid input');
  });
});
