import { describe, expect, it } from 'vitest';
import {
  countAgreements,
  type DemoJobRecord,
  formatDelay,
  formatDemoTable,
  median,
  summarizeDemo,
} from './demo-summary';

const record = (
  vendor: string,
  status: DemoJobRecord['status'],
  detectionDelayMs: number | null,
  trueOutcome: string | null = status,
): DemoJobRecord => ({ vendor, ref: `${vendor}:x`, status, trueOutcome, detectionDelayMs });

describe('median', () => {
  it.each<[number[], number | null]>([
    [[], null],
    [[5], 5],
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
  ])('%j gives %j', (values, expected) => {
    expect(median(values)).toBe(expected);
  });
});

describe('summarizeDemo', () => {
  const records = [
    record('revor', 'succeeded', 100),
    record('revor', 'failed', 300),
    record('revor', 'cancelled', 200),
    record('outx', 'succeeded', 1500),
    record('outx', 'error', null, null),
  ];

  it('counts outcomes, requests and detection delays per vendor, then in total', () => {
    expect(summarizeDemo(['revor', 'outx', 'oration'], records, { revor: 30, outx: 12 })).toEqual([
      {
        vendor: 'revor',
        jobs: 3,
        succeeded: 1,
        failed: 1,
        cancelled: 1,
        errors: 0,
        requests: 30,
        detectMedianMs: 200,
        detectMaxMs: 300,
      },
      {
        vendor: 'outx',
        jobs: 2,
        succeeded: 1,
        failed: 0,
        cancelled: 0,
        errors: 1,
        requests: 12,
        detectMedianMs: 1500,
        detectMaxMs: 1500,
      },
      {
        vendor: 'oration',
        jobs: 0,
        succeeded: 0,
        failed: 0,
        cancelled: 0,
        errors: 0,
        requests: 0,
        detectMedianMs: null,
        detectMaxMs: null,
      },
      {
        vendor: 'total',
        jobs: 5,
        succeeded: 2,
        failed: 1,
        cancelled: 1,
        errors: 1,
        requests: 42,
        detectMedianMs: 250,
        detectMaxMs: 1500,
      },
    ]);
  });

  it('formats an aligned table with the total under a rule', () => {
    expect(formatDemoTable(summarizeDemo(['revor', 'outx'], records, { revor: 30, outx: 12 }))).toEqual([
      'vendor  jobs  succeeded  failed  cancelled  errors  requests  detect median  detect max',
      '------  ----  ---------  ------  ---------  ------  --------  -------------  ----------',
      'revor      3          1       1          1       0        30          0.20s       0.30s',
      'outx       2          1       0          0       1        12          1.50s       1.50s',
      '------  ----  ---------  ------  ---------  ------  --------  -------------  ----------',
      'total      5          2       1          1       1        42          0.25s       1.50s',
    ]);
  });

  it('shows an unknown delay as a dash', () => {
    expect(formatDelay(null)).toBe('-');
    expect(formatDelay(1234)).toBe('1.23s');
  });

  it('counts the jobs whose outcome matches the truth', () => {
    expect(countAgreements([...records, record('oration', 'failed', 1, 'succeeded')])).toEqual({
      agree: 4,
      checked: 5,
    });
  });
});
