import { describe, expect, it } from 'vitest';
import * as oration from './index';

describe('package surface', () => {
  it('exports the client factory and the registry factory only', () => {
    expect(Object.keys(oration).sort()).toEqual(['createOration', 'orationFactory']);
  });

  it('never throws when creating a client, even without settings', () => {
    expect(() => oration.createOration()).not.toThrow();
    expect(() => oration.createOration({ baseUrl: 'not a url' })).not.toThrow();
  });
});
