import { configFromEnv, createJobClient, createJobRegistry, type ProviderConfig } from '@asyncjob/core';
import { loadFixture } from '@asyncjob/core/test';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { orationFactory } from './oration-factory';

const KEY = 'orn_live_FAKEKEY_must_never_leak_4242';
const JOB_ID = '5135bfe3-b2c7-41f3-a44f-f4b58e7384df';
const succeeded = loadFixture<Record<string, unknown>>(
  import.meta.url,
  '__fixtures__/oration-jobs-get-success.json',
);

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
  vi.unstubAllEnvs();
});
afterAll(() => nock.enableNetConnect());

describe('orationFactory', () => {
  it('builds a client the registry resolves refs to', async () => {
    const scope = nock('https://www.oration.ai', {
      reqheaders: { 'x-api-key': KEY, 'x-workspace-slug': 'acme', authorization: 'Bearer tok_1' },
    })
      .get(`/api/v2/jobs/${JOB_ID}`)
      .reply(200, succeeded);
    const registry = createJobRegistry({
      factories: { oration: orationFactory },
      configs: [{ provider: 'oration', apiKey: KEY, workspaceSlug: 'acme', token: 'tok_1' }],
    })._unsafeUnwrap();
    expect(registry.providers).toEqual(['oration']);
    const job = await registry.get(`oration:${JOB_ID}`);
    expect(job._unsafeUnwrap()).toMatchObject({ ref: `oration:${JOB_ID}`, status: 'succeeded' });
    scope.done();
  });

  it('takes a config read from the environment', async () => {
    const configs = configFromEnv({ ORATION_API_KEY: KEY, ORATION_WORKSPACE_ID: 'ws-1' })._unsafeUnwrap();
    const client = createJobClient(configs[0], { oration: orationFactory })._unsafeUnwrap();
    expect(client.provider).toBe('oration');
    expect(client.operations).toEqual(['customers-batch']);
  });

  it.each([
    ['a malformed base URL', { baseUrl: 'not a url' }, 'oration.baseUrl'],
    ['http:// to a remote host', { baseUrl: 'http://oration.example.com' }, 'oration.baseUrl'],
    ['a key with a space', { apiKey: 'two words' }, 'oration.apiKey'],
  ])('refuses %s at once with a config error', (_name, override, field) => {
    const config = { provider: 'oration', apiKey: KEY, workspaceSlug: 'acme', ...override } as ProviderConfig;
    const error = orationFactory(config)._unsafeUnwrapErr();
    expect(error).toMatchObject({ kind: 'config', provider: 'oration', field });
    expect(JSON.stringify(error)).not.toContain(KEY);
  });

  it('refuses a config without a workspace (core names the field)', () => {
    const error = createJobClient({ provider: 'oration', apiKey: KEY }, { oration: orationFactory });
    expect(error._unsafeUnwrapErr()).toMatchObject({ kind: 'config', field: 'oration.workspaceSlug' });
  });

  it('does not fill a config from the environment', () => {
    vi.stubEnv('ORATION_WORKSPACE_SLUG', 'from-env');
    const config = { provider: 'oration', apiKey: KEY } as ProviderConfig;
    expect(orationFactory(config)._unsafeUnwrapErr()).toMatchObject({ field: 'oration.workspaceSlug' });
  });

  it('refuses another provider’s config', () => {
    const error = orationFactory({ provider: 'outx', apiKey: KEY });
    expect(error._unsafeUnwrapErr()).toMatchObject({ kind: 'config', field: 'provider' });
  });
});
