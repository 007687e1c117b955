import { createJobRegistry, type ProviderConfig } from '@asyncjob/core';
import { loadFixture } from '@asyncjob/core/test';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { revorFactory } from './revor-factory';

const KEY = 'sk-revor-TEST-factory-9a8b';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('revorFactory', () => {
  it('builds a client the registry resolves refs with', async () => {
    const scope = nock('http://localhost:4010')
      .get('/api/v1/outreach/jobs/job_uuid')
      .matchHeader('x-api-key', KEY)
      .reply(200, loadFixture(import.meta.url, '__fixtures__/revor-jobs-succeeded.json'));
    const registry = createJobRegistry({
      factories: { revor: revorFactory },
      configs: [
        { provider: 'revor', apiKey: KEY, baseUrl: 'http://localhost:4010/api/v1', authScheme: 'x-api-key' },
      ],
    })._unsafeUnwrap();
    expect(registry.providers).toEqual(['revor']);
    const job = (await registry.get('revor:job_uuid'))._unsafeUnwrap();
    expect(job).toMatchObject({ provider: 'revor', status: 'succeeded' });
    expect(registry.client('revor')._unsafeUnwrap().pollingAdvice).toEqual({
      defaultDelayMs: 5000,
      minDelayMs: 1000,
      maxDelayMs: 60000,
    });
    scope.done();
  });

  it.each([
    ['a malformed base URL', { baseUrl: 'not a url' }, 'revor.baseUrl'],
    ['http:// to a remote host', { baseUrl: 'http://revor.ai/api/v1' }, 'revor.baseUrl'],
    ['an empty key', { apiKey: '' }, 'revor.apiKey'],
  ])('fails at once on %s', (_name, overrides, field) => {
    const config = { provider: 'revor', apiKey: KEY, ...overrides } as ProviderConfig;
    const error = revorFactory(config)._unsafeUnwrapErr();
    expect(error).toMatchObject({ kind: 'config', provider: 'revor', field });
    expect(JSON.stringify(error)).not.toContain(KEY);
  });

  it('refuses another provider’s config', () => {
    expect(revorFactory({ provider: 'outx', apiKey: KEY })._unsafeUnwrapErr()).toMatchObject({
      kind: 'config',
      field: 'provider',
    });
  });

  it('lets the registry report a bad config by field', () => {
    const error = createJobRegistry({
      factories: { revor: revorFactory },
      configs: [{ provider: 'revor', apiKey: KEY, baseUrl: 'ftp://revor.ai' }],
    })._unsafeUnwrapErr();
    expect(error).toMatchObject({ kind: 'config', field: 'revor.baseUrl' });
  });
});

describe('revorFactory and the environment', () => {
  it('uses the default base URL for a config without one, whatever REVOR_BASE_URL says', async () => {
    const previous = process.env.REVOR_BASE_URL;
    process.env.REVOR_BASE_URL = 'http://not-loopback.example.test';
    try {
      const built = revorFactory({ provider: 'revor', apiKey: 'sk-revor-test' });
      expect(built.isErr() ? built.error : 'ok').toBe('ok');
    } finally {
      if (previous === undefined) delete process.env.REVOR_BASE_URL;
      else process.env.REVOR_BASE_URL = previous;
    }
  });
});
