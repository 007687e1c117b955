import { describe, expect, it } from 'vitest';
import { mergeDirectives, readNestedSimulateDirective, readSimulateDirective } from './simulate-directive';

describe('readSimulateDirective', () => {
  it.each([
    [undefined, {}],
    ['failed', {}],
    [[1], {}],
    [{ outcome: 'failed' }, { outcome: 'failed' }],
    [{ outcome: 'exploded' }, {}],
    [
      { queuedMs: 10, runMs: 0, retries: 2.7, approval: true },
      { queuedMs: 10, runMs: 0, retries: 2, approval: true },
    ],
    [{ queuedMs: -1, runMs: 'soon', approval: 'yes' }, {}],
    [{ retries: 99 }, { retries: 10 }],
  ])('%j → %j', (input, expected) => {
    expect(readSimulateDirective(input)).toEqual(expected);
  });

  it('reads the nested simulate field and merges field by field', () => {
    expect(readNestedSimulateDirective({ simulate: { outcome: 'cancelled' }, other: 1 })).toEqual({
      outcome: 'cancelled',
    });
    expect(readNestedSimulateDirective('text')).toEqual({});
    expect(mergeDirectives({ outcome: 'failed', runMs: 5 }, { runMs: 9 })).toEqual({
      outcome: 'failed',
      runMs: 9,
    });
  });
});
