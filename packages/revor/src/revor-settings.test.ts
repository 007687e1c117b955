import type { RevorConfig } from '@asyncjob/core';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_REVOR_BASE_URLS,
  type ParsedRevorSettings,
  parseRevorSettings,
  type RevorSettings,
  readEnvironment,
  resolveRevorConnection,
} from './revor-settings';

const KEY = 'sk-revor-TEST-settings-0000';
const parsed = (settings: unknown): ParsedRevorSettings => parseRevorSettings(settings)._unsafeUnwrap();

describe('parseRevorSettings', () => {
  it('applies the defaults', () => {
    expect(parsed({})).toEqual({ apiVersion: 'v1', authScheme: 'bearer' });
    expect(parsed(undefined)).toEqual({ apiVersion: 'v1', authScheme: 'bearer' });
  });

  it('accepts a RevorConfig as is', () => {
    const config: RevorConfig = { provider: 'revor', apiKey: KEY, authScheme: 'x-api-key', timeoutMs: 5000 };
    const settings: RevorSettings = config;
    expect(settings).toBe(config);
    expect(parsed(config)).toEqual({ ...config, apiVersion: 'v1' });
  });

  it.each([
    [{ timeoutMs: -1 }, 'revor.timeoutMs'],
    [{ timeoutMs: 1.5 }, 'revor.timeoutMs'],
    [{ apiVersion: 'v3' }, 'revor.apiVersion'],
    [{ authScheme: 'basic' }, 'revor.authScheme'],
    [{ baseUrl: '' }, 'revor.baseUrl'],
    [{ fetch: 'not a function' }, 'revor.fetch'],
    [{ headers: { 'x-trace': 'a\r\nb' } }, 'revor.headers.x-trace'],
    [{ createRetry: { limit: -1 } }, 'revor.createRetry.limit'],
    [{ apikey: KEY }, 'revor'],
  ])('refuses %j with a config error naming %s', (settings, field) => {
    const error = parseRevorSettings(settings)._unsafeUnwrapErr();
    expect(error).toMatchObject({ kind: 'config', provider: 'revor', field, retryable: false });
    expect(error.message.startsWith(field)).toBe(true);
    expect(JSON.stringify(error)).not.toContain(KEY);
  });
});

describe('resolveRevorConnection', () => {
  it('sends the key as a Bearer token to the v1 base by default', () => {
    expect(resolveRevorConnection(parsed({ apiKey: KEY }), {})._unsafeUnwrap()).toEqual({
      apiKey: KEY,
      baseUrl: 'https://revor.ai/api/v1',
      baseUrlField: 'revor.baseUrl',
      headers: { authorization: `Bearer ${KEY}` },
    });
  });

  it('uses x-api-key on request, the v2 base for v2, and keeps custom headers except auth ones', () => {
    const settings = parsed({
      apiKey: KEY,
      apiVersion: 'v2',
      authScheme: 'x-api-key',
      headers: { 'X-Trace': 'abc', Authorization: 'Bearer other', 'X-API-KEY': 'other' },
    });
    expect(resolveRevorConnection(settings, {})._unsafeUnwrap()).toEqual({
      apiKey: KEY,
      baseUrl: DEFAULT_REVOR_BASE_URLS.v2,
      baseUrlField: 'revor.baseUrl',
      headers: { 'X-Trace': 'abc', 'x-api-key': KEY },
    });
  });

  it('falls back to REVOR_API_KEY and REVOR_BASE_URL', () => {
    const env = { REVOR_API_KEY: ` ${KEY}\n`, REVOR_BASE_URL: 'http://127.0.0.1:4010/api/v1' };
    expect(resolveRevorConnection(parsed({}), env)._unsafeUnwrap()).toMatchObject({
      apiKey: KEY,
      baseUrl: 'http://127.0.0.1:4010/api/v1',
      baseUrlField: 'REVOR_BASE_URL',
    });
    expect(resolveRevorConnection(parsed({ apiKey: 'sk-other-key' }), env)._unsafeUnwrap().apiKey).toBe(
      'sk-other-key',
    );
  });

  it('refuses a missing, empty or unsendable key, naming the field and the variable', () => {
    for (const settings of [{}, { apiKey: '' }, { apiKey: '   ' }]) {
      const error = resolveRevorConnection(parsed(settings), { REVOR_API_KEY: '' })._unsafeUnwrapErr();
      expect(error).toMatchObject({ kind: 'config', field: 'revor.apiKey', provider: 'revor' });
      expect(error.message).toContain('REVOR_API_KEY');
    }
    const spaced = resolveRevorConnection(parsed({ apiKey: 'sk revor' }), {})._unsafeUnwrapErr();
    expect(spaced).toMatchObject({ kind: 'config', field: 'revor.apiKey' });
    expect(spaced.message).not.toContain('sk revor');
  });
});

describe('readEnvironment', () => {
  it('reads the process environment', () => {
    expect(readEnvironment()).toBe(process.env);
  });
});
