import type { JobStatus } from '@asyncjob/core';

/** How one demo job ended, next to the simulator's truth. */
export interface DemoJobRecord {
  readonly vendor: string;
  readonly ref: string;
  /** The status the tracker settled on, or `error` when tracking it failed. */
  readonly status: JobStatus | 'error';
  /** How the simulator says it ended; null when unknown. */
  readonly trueOutcome: string | null;
  /** When the tracker saw it finish minus when it really finished; null when either is unknown. */
  readonly detectionDelayMs: number | null;
}

/** One row of the summary table. */
export interface DemoSummaryRow {
  readonly vendor: string;
  readonly jobs: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly cancelled: number;
  /** Tracking ended with an error (timeout, request error). */
  readonly errors: number;
  /** Every request the vendor received: creates, lookups, approvals. */
  readonly requests: number;
  readonly detectMedianMs: number | null;
  readonly detectMaxMs: number | null;
}

/** The middle value (the mean of the two middle ones for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

function row(vendor: string, records: readonly DemoJobRecord[], requests: number): DemoSummaryRow {
  const count = (status: DemoJobRecord['status']) =>
    records.filter((record) => record.status === status).length;
  const delays = records.flatMap((record) =>
    record.detectionDelayMs === null ? [] : [record.detectionDelayMs],
  );
  return {
    vendor,
    jobs: records.length,
    succeeded: count('succeeded'),
    failed: count('failed'),
    cancelled: count('cancelled'),
    errors: records.filter((record) => !['succeeded', 'failed', 'cancelled'].includes(record.status)).length,
    requests,
    detectMedianMs: median(delays),
    detectMaxMs: delays.length === 0 ? null : Math.max(...delays),
  };
}

/** One row per vendor, in the order given, then a `total` row. */
export function summarizeDemo(
  vendors: readonly string[],
  records: readonly DemoJobRecord[],
  requestsByVendor: Readonly<Record<string, number>>,
): DemoSummaryRow[] {
  const rows = vendors.map((vendor) =>
    row(
      vendor,
      records.filter((record) => record.vendor === vendor),
      requestsByVendor[vendor] ?? 0,
    ),
  );
  const totalRequests = vendors.reduce((sum, vendor) => sum + (requestsByVendor[vendor] ?? 0), 0);
  return [...rows, row('total', records, totalRequests)];
}

/** Milliseconds for the table: `0.42s`, or `-` when unknown. */
export function formatDelay(milliseconds: number | null): string {
  return milliseconds === null ? '-' : `${(milliseconds / 1000).toFixed(2)}s`;
}

const COLUMNS: readonly { readonly title: string; readonly cell: (row: DemoSummaryRow) => string }[] = [
  { title: 'vendor', cell: (row) => row.vendor },
  { title: 'jobs', cell: (row) => String(row.jobs) },
  { title: 'succeeded', cell: (row) => String(row.succeeded) },
  { title: 'failed', cell: (row) => String(row.failed) },
  { title: 'cancelled', cell: (row) => String(row.cancelled) },
  { title: 'errors', cell: (row) => String(row.errors) },
  { title: 'requests', cell: (row) => String(row.requests) },
  { title: 'detect median', cell: (row) => formatDelay(row.detectMedianMs) },
  { title: 'detect max', cell: (row) => formatDelay(row.detectMaxMs) },
];

/** The rows as an aligned text table: the first column left-aligned, numbers right-aligned. */
export function formatDemoTable(rows: readonly DemoSummaryRow[]): string[] {
  const cells = [
    COLUMNS.map((column) => column.title),
    ...rows.map((row) => COLUMNS.map((column) => column.cell(row))),
  ];
  const widths = COLUMNS.map((_, index) => Math.max(...cells.map((line) => (line[index] as string).length)));
  const render = (line: readonly string[]) =>
    line
      .map((cell, index) =>
        index === 0 ? cell.padEnd(widths[index] as number) : cell.padStart(widths[index] as number),
      )
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  const [header, ...body] = cells.map(render);
  const total = body.pop();
  return [header as string, rule, ...body, rule, ...(total === undefined ? [] : [total])];
}

/** How many jobs settled on the outcome the simulator says they had. */
export function countAgreements(records: readonly DemoJobRecord[]): { agree: number; checked: number } {
  const checked = records.filter((record) => record.trueOutcome !== null);
  return {
    agree: checked.filter((record) => record.status === record.trueOutcome).length,
    checked: checked.length,
  };
}
