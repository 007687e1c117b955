import { describe, expect, it } from 'vitest';
import * as simulator from './index';

describe('package surface', () => {
  it('exports the runtime names and nothing else', () => {
    expect(Object.keys(simulator).sort()).toEqual([
      'DEFAULT_REVKEEN_AUTOMATIONS',
      'DEFAULT_SIMULATOR_KEYS',
      'DRIFT_STATUS',
      'REVOR_V2_BASE_PATH',
      'SIMULATED_VENDORS',
      'VENDOR_BASE_PATHS',
      'startSimulator',
    ]);
  });
});
