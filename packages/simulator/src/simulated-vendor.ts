/** The four vendors the simulator imitates, in a fixed order. */
export const SIMULATED_VENDORS = ['revor', 'outx', 'oration', 'revkeen'] as const;

/** One vendor the simulator imitates. */
export type SimulatedVendor = (typeof SIMULATED_VENDORS)[number];

/** Where each vendor's API lives on the simulator, below `http://127.0.0.1:PORT`. */
export const VENDOR_BASE_PATHS: Readonly<Record<SimulatedVendor, string>> = {
  revor: '/revor/api/v1',
  outx: '/outx/linkedin-agent',
  oration: '/oration/api/v2',
  revkeen: '/revkeen/v2',
};

/** Revor's v2 paths (`/jobs/{id}` instead of `/outreach/jobs/{id}`), served over the same tasks as v1. */
export const REVOR_V2_BASE_PATH = '/revor/api/v2';

/** Whether a string names one of the simulated vendors. */
export function isSimulatedVendor(value: unknown): value is SimulatedVendor {
  return typeof value === 'string' && (SIMULATED_VENDORS as readonly string[]).includes(value);
}
