import { afterEach, describe, expect, it, vi } from 'vitest';
import * as oration from './index';

afterEach(() => vi.unstubAllEnvs());

describe('package surface', () => {
  it('exports the client factory and the registry factory only', () => {
    expect(Object.keys(oration).sort()).toEqual(['createOration', 'orationFactory']);
  });

  it('never throws when creating or using a client, whatever the settings', async () => {
    vi.stubEnv('ORATION_API_KEY', '');
    expect(() => oration.createOration()).not.toThrow();
    expect(() => oration.createOration({ baseUrl: 'not a url' })).not.toThrow();
    const client = oration.createOration(null as unknown as oration.OrationSettings);
    expect((await client.get('job_1'))._unsafeUnwrapErr()).toMatchObject({
      kind: 'config',
      field: 'oration.apiKey',
    });
    const notAnId = await client.get(undefined as unknown as string);
    expect(notAnId.isErr()).toBe(true);
  });
});
