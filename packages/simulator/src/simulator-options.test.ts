import { describe, expect, it } from 'vitest';
import { DEFAULT_SIMULATOR_KEYS, resolveSimulatorOptions, type SimulatorOptions } from './simulator-options';

describe('resolveSimulatorOptions', () => {
  it('fills in the defaults', () => {
    const resolved = resolveSimulatorOptions({ seed: 3 })._unsafeUnwrap();
    expect(resolved).toMatchObject({
      port: 0,
      seed: 3,
      timeScale: 1,
      revorPacing: true,
      keys: DEFAULT_SIMULATOR_KEYS,
    });
    expect(resolved.vendors.revor.rateLimit).toEqual({ limit: 120, windowMs: 60_000 });
    expect(resolved.vendors.outx.rateLimit).toBeNull();
    expect(resolved.now).toBe(Date.now);
  });

  it('merges per-vendor settings over the defaults', () => {
    const resolved = resolveSimulatorOptions({
      durations: { oration: { run: 100 } },
      outcomes: { revkeen: { approval: 1 } },
      rateLimits: { revor: null, outx: { limit: 5, windowMs: 1000 } },
    })._unsafeUnwrap();
    expect(resolved.vendors.oration.durations.run).toBe(100);
    expect(resolved.vendors.oration.durations.queued).toEqual({ medianMs: 2000 });
    expect(resolved.vendors.revkeen.outcomes).toMatchObject({ approval: 1, failed: 0.05 });
    expect(resolved.vendors.revor.rateLimit).toBeNull();
    expect(resolved.vendors.outx.rateLimit).toEqual({ limit: 5, windowMs: 1000 });
  });

  it.each<[string, SimulatorOptions, string]>([
    ['a port out of range', { port: 70_000 }, 'port must be an integer'],
    ['a bad RevKeen key', { keys: { revkeen: ['sk_test_1'] } }, 'must start with rk_sandbox_ or rk_live_'],
    [
      'a probability above 1',
      { outcomes: { revor: { failed: 2 } } },
      'outcomes.revor.failed must be between 0 and 1',
    ],
    ['a negative duration', { durations: { outx: { run: -1 } } }, 'durations.outx.run must be >= 0'],
    ['an empty rate limit', { rateLimits: { revor: { limit: 0, windowMs: 10 } } }, 'rateLimits.revor needs'],
    ['a bad fault rate', { faults: { resetRate: 3 } }, 'faults.resetRate'],
    ['a negative time scale', { timeScale: -1 }, 'timeScale'],
  ])('refuses %s', (_name, options, message) => {
    const error = resolveSimulatorOptions(options)._unsafeUnwrapErr();
    expect(error.kind).toBe('invalid_options');
    expect(error.message).toContain(message);
  });
});
