import { err, ok } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { createAsyncJob } from './async-job';
import type { AsyncJobClient } from './async-job-client';
import { configError } from './async-job-error';
import { createJobClient, createJobRegistry, type ProviderFactory } from './job-registry';
import { scriptedClient } from './test/index';

const job = createAsyncJob({ provider: 'revor', id: 'job_1', status: 'running', rawStatus: 'running' });

function factoryFor(provider: string): ProviderFactory & { configs: unknown[] } {
  const configs: unknown[] = [];
  const factory = (config: unknown) => {
    configs.push(config);
    const client: AsyncJobClient = { ...scriptedClient([job], { provider }), provider };
    return ok(client);
  };
  return Object.assign(factory, { configs });
}

describe('createJobClient', () => {
  it('validates the config and hands it to the factory of its provider', () => {
    const revor = factoryFor('revor');
    const client = createJobClient({ provider: 'revor', apiKey: 'k' }, { revor });
    expect(client._unsafeUnwrap().provider).toBe('revor');
    expect(revor.configs).toEqual([{ provider: 'revor', apiKey: 'k' }]);
  });

  it('fails with a config error for a provider without a factory', () => {
    const error = createJobClient(
      { provider: 'outx', apiKey: 'k' },
      { revor: factoryFor('revor') },
    )._unsafeUnwrapErr();
    expect(error).toMatchObject({ kind: 'config', field: 'provider' });
    expect(error.message).toContain('registered: revor');
  });

  it('passes the factory’s own error through', () => {
    const refusal = configError('revor.baseUrl is not a valid URL.', 'revor.baseUrl', 'revor');
    const broken: ProviderFactory = () => err(refusal);
    expect(createJobClient({ provider: 'revor', apiKey: 'k' }, { revor: broken })).toEqual(err(refusal));
  });
});

describe('createJobRegistry', () => {
  const factories = { revor: factoryFor('revor'), outx: factoryFor('outx') };

  it('resolves refs to the client of their provider', async () => {
    const registry = createJobRegistry({
      factories,
      configs: [
        { provider: 'revor', apiKey: 'a' },
        { provider: 'outx', apiKey: 'b' },
      ],
    })._unsafeUnwrap();
    expect(registry.providers).toEqual(['revor', 'outx']);
    const resolved = registry.resolve('revor:job_1')._unsafeUnwrap();
    expect(resolved).toMatchObject({ ref: 'revor:job_1', provider: 'revor', id: 'job_1' });
    expect((await registry.get('revor:job_1'))._unsafeUnwrap()).toEqual(job);
  });

  it.each([
    ['revor', 'ref'],
    ['oration:x', 'provider'],
  ])('refuses %s with a config error naming %s', async (ref, field) => {
    const registry = createJobRegistry({
      factories,
      configs: [{ provider: 'revor', apiKey: 'a' }],
    })._unsafeUnwrap();
    expect(registry.resolve(ref)._unsafeUnwrapErr()).toMatchObject({ kind: 'config', field });
    expect((await registry.get(ref))._unsafeUnwrapErr()).toMatchObject({ kind: 'config', field });
  });

  it('fails on a bad config or a provider configured twice', () => {
    expect(
      createJobRegistry({ factories, configs: [{ provider: 'revor' }] })._unsafeUnwrapErr(),
    ).toMatchObject({
      kind: 'config',
      field: 'revor.apiKey',
    });
    const twice = [
      { provider: 'revor', apiKey: 'a' },
      { provider: 'revor', apiKey: 'b' },
    ];
    expect(createJobRegistry({ factories, configs: twice })._unsafeUnwrapErr()).toMatchObject({
      kind: 'config',
    });
  });
});
