import { describe, expect, it } from 'vitest';
import * as revkeen from './index';

describe('the package surface', () => {
  it('exports the client builder and the registry factory only', () => {
    expect(Object.keys(revkeen).sort()).toEqual(['createRevkeen', 'revkeenFactory']);
  });

  it('never throws while creating a client, whatever the settings', () => {
    expect(() => revkeen.createRevkeen({ baseUrl: 'not a url' })).not.toThrow();
    expect(() => revkeen.createRevkeen('nonsense' as never)).not.toThrow();
    expect(() => revkeen.createRevkeen()).not.toThrow();
  });
});
