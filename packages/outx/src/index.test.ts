import { describe, expect, it } from 'vitest';
import * as outx from './index';

describe('@asyncjob/outx', () => {
  it('exports the client constructor and the registry factory only', () => {
    expect(Object.keys(outx).sort()).toEqual(['createOutx', 'outxFactory']);
  });

  it('creates a client without settings and without throwing', () => {
    const client = outx.createOutx();
    expect(client.provider).toBe('outx');
    expect(typeof client.fetchProfile).toBe('function');
  });
});
