import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configSecrets, loadConfig, readConfigFile } from './load-config';

const directory = mkdtempSync(join(tmpdir(), 'asyncjob-config-'));
const file = (name: string, content: string) => {
  const path = join(directory, name);
  writeFileSync(path, content);
  return path;
};

const revor = { provider: 'revor', apiKey: 'sk-revor-file-key', baseUrl: 'http://127.0.0.1:9/revor/api/v1' };
const oration = {
  provider: 'oration',
  apiKey: 'oration-file-key',
  workspaceSlug: 'acme',
  token: 'tok-123456',
};

describe('readConfigFile', () => {
  it('reads an array of provider configs', () => {
    const loaded = readConfigFile(file('array.json', JSON.stringify([revor, oration])))._unsafeUnwrap();
    expect(loaded.configs.map((config) => config.provider)).toEqual(['revor', 'oration']);
  });

  it('reads { "providers": [...] }', () => {
    const loaded = readConfigFile(
      file('object.json', JSON.stringify({ providers: [revor] })),
    )._unsafeUnwrap();
    expect(loaded.configs).toEqual([revor]);
  });

  it.each([
    ['missing.json', null, 'Cannot read the config file', 'config'],
    ['not-json.json', '{ providers: ', 'is not valid JSON', 'config'],
    ['wrong-shape.json', '{"revor": {}}', 'must hold a JSON array of provider configs', 'providers'],
    [
      'no-key.json',
      JSON.stringify([revor, { provider: 'outx' }]),
      'providers[1]: outx.apiKey',
      'providers[1].outx.apiKey',
    ],
    [
      'no-workspace.json',
      JSON.stringify({ providers: [{ provider: 'oration', apiKey: 'k-123456' }] }),
      'providers[0]: oration.workspaceSlug',
      'providers[0].oration.workspaceSlug',
    ],
    [
      'no-provider.json',
      JSON.stringify([{ apiKey: 'k-123456' }]),
      'providers[0]: config.provider',
      'providers[0].provider',
    ],
  ])('refuses %s, naming the field', (name, content, message, field) => {
    const path = content === null ? join(directory, name) : file(name, content);
    const error = readConfigFile(path)._unsafeUnwrapErr();
    expect(error.kind).toBe('config');
    expect(error.message).toContain(message);
    expect(error.field).toBe(field);
  });

  it('never quotes a key from the file', () => {
    const path = file('bad-timeout.json', JSON.stringify([{ ...revor, timeoutMs: -1 }]));
    const error = readConfigFile(path)._unsafeUnwrapErr();
    expect(error.message).toContain('revor.timeoutMs');
    expect(JSON.stringify(error)).not.toContain('sk-revor-file-key');
  });
});

describe('loadConfig', () => {
  it('reads the environment when no file is given', () => {
    const loaded = loadConfig({
      REVKEEN_API_KEY: 'rk_sandbox_x',
      REVKEEN_BASE_URL: 'http://127.0.0.1:1/v2',
    })._unsafeUnwrap();
    expect(loaded.source).toBe('the environment');
    expect(loaded.configs).toEqual([
      { provider: 'revkeen', apiKey: 'rk_sandbox_x', baseUrl: 'http://127.0.0.1:1/v2' },
    ]);
  });

  it('names the missing variable', () => {
    const error = loadConfig({ ORATION_API_KEY: 'oration-key' })._unsafeUnwrapErr();
    expect(error.message).toContain('ORATION_WORKSPACE_SLUG');
  });

  it('gives no providers for an empty environment', () => {
    expect(loadConfig({})._unsafeUnwrap().configs).toEqual([]);
  });
});

describe('configSecrets', () => {
  it('lists keys, tokens and credential headers', () => {
    const loaded = readConfigFile(
      file(
        'secrets.json',
        JSON.stringify([
          { ...revor, headers: { Authorization: 'Bearer proxy-secret', 'x-team': 'growth' } },
          oration,
        ]),
      ),
    )._unsafeUnwrap();
    expect(configSecrets(loaded.configs)).toEqual([
      'sk-revor-file-key',
      'Bearer proxy-secret',
      'oration-file-key',
      'tok-123456',
    ]);
  });
});
