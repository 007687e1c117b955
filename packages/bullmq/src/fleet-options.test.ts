import { ok } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { resolveFleetOptions } from './fleet-options';
import { fakeClient, registryOf } from './test-support/fake-client';

const registry = registryOf(fakeClient());

describe('resolveFleetOptions', () => {
  it('applies the defaults', () => {
    const resolved = resolveFleetOptions({ connection: 'redis://127.0.0.1:6379', registry })._unsafeUnwrap();
    expect(resolved).toMatchObject({
      prefix: 'asyncjob',
      outcomeTtlMs: 86_400_000,
      concurrency: 8,
      timeoutMs: 86_400_000,
      lockDurationMs: 30_000,
      stalledIntervalMs: 30_000,
      maxStalledCount: 1000,
      redisTimeoutMs: 30_000,
      rateLimits: {},
    });
  });

  it('accepts ioredis options and no deadline', () => {
    const resolved = resolveFleetOptions({
      connection: { host: '127.0.0.1', port: 6380 },
      registry,
      timeoutMs: Infinity,
    });
    expect(resolved._unsafeUnwrap().timeoutMs).toBe(Infinity);
  });

  it.each([
    ['no connection', { connection: '' }, 'connection'],
    ['an http URL', { connection: 'http://127.0.0.1:6379' }, 'connection'],
    ['a URL that does not parse', { connection: 'redis://127.0.0.1:99999' }, 'connection'],
    ['a prefix with a colon', { prefix: 'a:b' }, 'prefix'],
    ['a fractional concurrency', { concurrency: 1.5 }, 'concurrency'],
    ['a zero TTL', { outcomeTtlMs: 0 }, 'outcomeTtlMs'],
    ['a negative timeout', { timeoutMs: -1 }, 'timeoutMs'],
    ['an empty budget', { rateLimits: { fake: { limit: 0, windowMs: 1000 } } }, 'rateLimits.fake'],
  ])('refuses %s', (_name, overrides, field) => {
    const resolved = resolveFleetOptions({ connection: 'redis://127.0.0.1:6379', registry, ...overrides });
    expect(resolved._unsafeUnwrapErr()).toMatchObject({ kind: 'config', field });
  });

  it('builds the registry from factories and configs, and needs one or the other', () => {
    const client = fakeClient();
    const built = resolveFleetOptions({
      connection: 'redis://127.0.0.1:6379',
      factories: { fake: () => ok(client) },
      configs: [{ provider: 'fake', apiKey: 'k' }],
    });
    expect(built._unsafeUnwrap().registry.providers).toEqual(['fake']);
    expect(resolveFleetOptions({ connection: 'redis://127.0.0.1:6379' })._unsafeUnwrapErr()).toMatchObject({
      kind: 'config',
      field: 'registry',
    });
  });
});
