import { createJobClient, createJobRegistry } from '@asyncjob/core';
import { loadFixture } from '@asyncjob/core/test';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { revkeenFactory } from './revkeen-factory';

const KEY = 'rk_live_FAKE-KEY-factory-55d1';

beforeAll(() => {
  nock.disableNetConnect();
});
afterEach(() => {
  nock.cleanAll();
  vi.unstubAllEnvs();
});

describe('revkeenFactory', () => {
  it('builds a client from a registry config', () => {
    const client = revkeenFactory({ provider: 'revkeen', apiKey: KEY })._unsafeUnwrap();
    expect(client).toMatchObject({ provider: 'revkeen', mode: 'live', operations: ['run'] });
    expect(client.pollingAdvice).toEqual({ defaultDelayMs: 2000, minDelayMs: 1000, maxDelayMs: 30_000 });
  });

  it.each([
    [{ provider: 'revkeen', apiKey: '' }, 'revkeen.apiKey'],
    [{ provider: 'revkeen', apiKey: KEY, baseUrl: 'http://revkeen.example/v2' }, 'revkeen.baseUrl'],
    [{ provider: 'revkeen', apiKey: KEY, baseUrl: 'nope' }, 'revkeen.baseUrl'],
    [{ provider: 'outx', apiKey: KEY }, 'provider'],
  ])('validates %j eagerly, naming %s', (config, field) => {
    expect(revkeenFactory(config)._unsafeUnwrapErr()).toMatchObject({ kind: 'config', field });
  });

  it('does not fall back to the environment: the config must be complete', () => {
    vi.stubEnv('REVKEEN_API_KEY', KEY);
    expect(revkeenFactory({ provider: 'revkeen' } as never)._unsafeUnwrapErr()).toMatchObject({
      field: 'revkeen.apiKey',
    });
  });

  it('works through the registry: resolve a ref and look the run up', async () => {
    const registry = createJobRegistry({
      factories: { revkeen: revkeenFactory },
      configs: [{ provider: 'revkeen', apiKey: KEY, baseUrl: 'http://localhost:4010/v2' }],
    })._unsafeUnwrap();
    const scope = nock('http://localhost:4010', { reqheaders: { 'x-api-key': KEY } })
      .get('/v2/automations/a1/runs/r1')
      .reply(200, loadFixture(import.meta.url, '__fixtures__/revkeen-run-get-queued.json'));
    const job = (await registry.get('revkeen:a1/r1'))._unsafeUnwrap();
    expect(job).toMatchObject({ ref: 'revkeen:a1/r1', id: 'a1/r1', status: 'queued' });
    expect(registry.resolve('revkeen:a1')._unsafeUnwrapErr()).toMatchObject({ kind: 'config', field: 'ref' });
    scope.done();
  });

  it('is what createJobClient uses for a revkeen config', () => {
    const client = createJobClient(
      { provider: 'revkeen', apiKey: 'rk_sandbox_x' },
      { revkeen: revkeenFactory },
    );
    expect(client._unsafeUnwrap().provider).toBe('revkeen');
  });
});
