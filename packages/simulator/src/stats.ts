import type { FaultKind } from './faults';
import { SIMULATED_VENDORS, type SimulatedVendor } from './simulated-vendor';

/** Request and job counts of one vendor. */
export interface SimulatorVendorStats {
  readonly requests: number;
  /** Keyed by method and route template, e.g. `GET /outreach/jobs/:id`; unknown routes count as `GET *`. */
  readonly byEndpoint: Readonly<Record<string, number>>;
  /** Keyed by HTTP status, e.g. `"200"`, or `"reset"` for a destroyed socket. */
  readonly byStatus: Readonly<Record<string, number>>;
  readonly jobsCreated: number;
  /** Requests answered with 429. */
  readonly rateLimited: number;
}

/** Counts since start (or since the last `stats.reset()`). */
export interface SimulatorStats {
  readonly requests: number;
  readonly byStatus: Readonly<Record<string, number>>;
  readonly jobsCreated: number;
  readonly byVendor: Readonly<Record<SimulatedVendor, SimulatorVendorStats>>;
  /** Injected faults by kind. */
  readonly faults: Readonly<Record<FaultKind, number>>;
  /** Requests outside every vendor's base path. */
  readonly unmatched: number;
}

/** Collects the counts. */
export interface StatsRecorder {
  recordRequest(vendor: SimulatedVendor | null, endpoint: string, status: number | 'reset'): void;
  recordJobCreated(vendor: SimulatedVendor): void;
  recordFault(kind: FaultKind): void;
  snapshot(): SimulatorStats;
  reset(): void;
}

interface MutableVendorStats {
  requests: number;
  byEndpoint: Record<string, number>;
  byStatus: Record<string, number>;
  jobsCreated: number;
  rateLimited: number;
}

function emptyVendorStats(): MutableVendorStats {
  return { requests: 0, byEndpoint: {}, byStatus: {}, jobsCreated: 0, rateLimited: 0 };
}

function increment(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

/** An in-memory recorder; `snapshot()` returns copies. */
export function createStatsRecorder(): StatsRecorder {
  let vendors = {} as Record<SimulatedVendor, MutableVendorStats>;
  let byStatus: Record<string, number> = {};
  let faults: Record<FaultKind, number>;
  let requests = 0;
  let unmatched = 0;
  const reset = () => {
    vendors = Object.fromEntries(SIMULATED_VENDORS.map((vendor) => [vendor, emptyVendorStats()])) as Record<
      SimulatedVendor,
      MutableVendorStats
    >;
    byStatus = {};
    faults = { reset: 0, server_error: 0, malformed: 0, drift: 0, slow: 0 };
    requests = 0;
    unmatched = 0;
  };
  reset();
  return {
    recordRequest(vendor, endpoint, status) {
      requests += 1;
      increment(byStatus, String(status));
      if (vendor === null) {
        unmatched += 1;
        return;
      }
      const stats = vendors[vendor];
      stats.requests += 1;
      increment(stats.byEndpoint, endpoint);
      increment(stats.byStatus, String(status));
      if (status === 429) stats.rateLimited += 1;
    },
    recordJobCreated(vendor) {
      vendors[vendor].jobsCreated += 1;
    },
    recordFault(kind) {
      faults[kind] += 1;
    },
    snapshot() {
      const byVendor = Object.fromEntries(
        SIMULATED_VENDORS.map((vendor) => {
          const stats = vendors[vendor];
          return [vendor, { ...stats, byEndpoint: { ...stats.byEndpoint }, byStatus: { ...stats.byStatus } }];
        }),
      ) as Record<SimulatedVendor, SimulatorVendorStats>;
      const jobsCreated = SIMULATED_VENDORS.reduce((sum, vendor) => sum + vendors[vendor].jobsCreated, 0);
      return { requests, byStatus: { ...byStatus }, jobsCreated, byVendor, faults: { ...faults }, unmatched };
    },
    reset,
  };
}
