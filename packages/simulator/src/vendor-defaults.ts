import type { SimulatedVendor } from './simulated-vendor';
import type { ResolvedVendorSettings } from './simulator-options';

/** Each vendor's durations, outcome rates and rate limit unless the options say otherwise. */
export const DEFAULT_VENDOR_SETTINGS: Readonly<Record<SimulatedVendor, ResolvedVendorSettings>> = {
  revor: {
    durations: {
      queued: { medianMs: 1_000 },
      run: { medianMs: 6_000 },
      retryDelay: { medianMs: 30_000, sigma: 0.3 },
    },
    outcomes: { failed: 0.05, cancelled: 0.01, retry: 0.1, approval: 0, skipped: 0.2 },
    rateLimit: { limit: 120, windowMs: 60_000 },
  },
  outx: {
    // The vendor: "Most tasks complete within 10-60 seconds."
    durations: { queued: { medianMs: 8_000, sigma: 0.6 }, run: { medianMs: 12_000 }, retryDelay: 0 },
    outcomes: { failed: 0.05, cancelled: 0, retry: 0, approval: 0, skipped: 0 },
    rateLimit: null,
  },
  oration: {
    durations: {
      queued: { medianMs: 2_000 },
      run: { medianMs: 20_000 },
      retryDelay: { medianMs: 5_000, sigma: 0.3 },
    },
    outcomes: { failed: 0.05, cancelled: 0, retry: 0.1, approval: 0, skipped: 0 },
    rateLimit: null,
  },
  revkeen: {
    durations: { queued: { medianMs: 1_000 }, run: { medianMs: 10_000 }, retryDelay: 0 },
    outcomes: { failed: 0.05, cancelled: 0.01, retry: 0, approval: 0, skipped: 0 },
    rateLimit: null,
  },
};
