import { createJobClient, createJobRegistry, type ProviderConfig } from '@asyncjob/core';
import { loadFixture } from '@asyncjob/core/test';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { outxFactory } from './outx-factory';

const TASK_ID = '550e8400-e29b-41d4-a716-446655440000';
const completed = loadFixture<Record<string, unknown>>(
  import.meta.url,
  '__fixtures__/outx-get-task-status-completed.json',
);

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('outxFactory', () => {
  it('builds a working client from a registry config', async () => {
    const scope = nock('http://localhost:4010')
      .get('/outx/get-task-status')
      .query({ api_agent_task_id: TASK_ID })
      .matchHeader('x-api-key', 'factory-key')
      .reply(200, completed);
    const registry = createJobRegistry({
      factories: { outx: outxFactory },
      configs: [{ provider: 'outx', apiKey: 'factory-key', baseUrl: 'http://localhost:4010/outx' }],
    })._unsafeUnwrap();
    const job = (await registry.get(`outx:${TASK_ID}`))._unsafeUnwrap();
    expect(job).toMatchObject({
      ref: `outx:${TASK_ID}`,
      status: 'succeeded',
      result: { name: 'Bill Gates' },
    });
    scope.done();
  });

  it('checks the base URL up front', () => {
    const result = createJobClient(
      { provider: 'outx', apiKey: 'k', baseUrl: 'http://api.outx.ai/linkedin-agent' },
      { outx: outxFactory },
    );
    expect(result._unsafeUnwrapErr()).toMatchObject({
      kind: 'config',
      provider: 'outx',
      field: 'outx.baseUrl',
    });
  });

  it('checks the key and the timeout up front', () => {
    const noKey = { provider: 'outx', apiKey: '' } as ProviderConfig;
    expect(outxFactory(noKey)._unsafeUnwrapErr()).toMatchObject({ kind: 'config', field: 'outx.apiKey' });
    const badTimeout = { provider: 'outx', apiKey: 'k', timeoutMs: 0 } as ProviderConfig;
    expect(outxFactory(badTimeout)._unsafeUnwrapErr()).toMatchObject({
      kind: 'config',
      field: 'outx.timeoutMs',
    });
  });

  it('refuses another provider’s config', () => {
    const config = { provider: 'revor', apiKey: 'k' } as ProviderConfig;
    expect(outxFactory(config)._unsafeUnwrapErr()).toMatchObject({ kind: 'config', field: 'provider' });
  });

  it('uses the config alone: OUTX_BASE_URL was for configFromEnv to read', () => {
    vi.stubEnv('OUTX_BASE_URL', 'http://insecure.example.com');
    expect(outxFactory({ provider: 'outx', apiKey: 'k' }).isOk()).toBe(true);
    vi.unstubAllEnvs();
  });
});
