import { describe, expect, it } from 'vitest';
import { decideFault, type FaultDecision, resolveFaultRates, validateFaultOptions } from './faults';

const rates = resolveFaultRates(
  { resetRate: 0.1, serverErrorRate: 0.2, malformedRate: 0.1, driftRate: 0.1, slowRate: 0.5, slowMs: 300 },
  'revor',
);

describe('decideFault', () => {
  it.each<[number, number, number, FaultDecision]>([
    [0.05, 0.9, 0.9, { kind: 'reset', html: false, slowMs: 0 }],
    [0.05, 0.9, 0.1, { kind: 'reset', html: false, slowMs: 0 }],
    [0.15, 0.2, 0.9, { kind: 'server_error', html: true, slowMs: 0 }],
    [0.25, 0.7, 0.1, { kind: 'server_error', html: false, slowMs: 300 }],
    [0.35, 0.1, 0.9, { kind: 'malformed', html: false, slowMs: 0 }],
    [0.45, 0.1, 0.9, { kind: 'drift', html: false, slowMs: 0 }],
    [0.5, 0.1, 0.9, { kind: 'none', html: false, slowMs: 0 }],
    [0.99, 0.1, 0.2, { kind: 'none', html: false, slowMs: 300 }],
  ])('kind draw %d, html draw %d, slow draw %d', (kind, html, slow, expected) => {
    expect(decideFault(rates, { kind, html, slow })).toEqual(expected);
  });

  it('never faults with the default rates', () => {
    const none = resolveFaultRates(undefined, 'outx');
    expect(decideFault(none, { kind: 0, html: 0, slow: 0 })).toEqual({
      kind: 'none',
      html: false,
      slowMs: 0,
    });
  });
});

describe('resolveFaultRates', () => {
  it('lets a vendor override the global rates', () => {
    const options = { serverErrorRate: 0.5, revkeen: { serverErrorRate: 0, resetRate: 1 } };
    expect(resolveFaultRates(options, 'revor')).toMatchObject({ serverErrorRate: 0.5, resetRate: 0 });
    expect(resolveFaultRates(options, 'revkeen')).toMatchObject({ serverErrorRate: 0, resetRate: 1 });
  });
});

describe('validateFaultOptions', () => {
  it.each([
    [{ serverErrorRate: 1.5 }, ['faults.serverErrorRate must be between 0 and 1']],
    [{ outx: { resetRate: -1 } }, ['faults.outx.resetRate must be between 0 and 1']],
    [{ slowMs: -5 }, ['faults.slowMs must be >= 0']],
    [{ slowMs: 5000, driftRate: 0.2 }, []],
  ])('%j', (options, problems) => {
    expect(validateFaultOptions(options)).toEqual(problems);
  });
});
