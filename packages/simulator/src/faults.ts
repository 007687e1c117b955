import type { Random } from './prng';
import type { SimulatedVendor } from './simulated-vendor';

/** How often each kind of transport or server fault happens, as probabilities per request (0 to 1). */
export interface FaultRates {
  /** A 5xx response; see `htmlErrorShare`. @default 0 */
  readonly serverErrorRate?: number;
  /** The share of 5xx responses that carry an HTML proxy page instead of the vendor's JSON. @default 0.5 */
  readonly htmlErrorShare?: number;
  /** The socket is destroyed before any response: the client sees a connection reset. @default 0 */
  readonly resetRate?: number;
  /** The response is sent `slowMs` late (it can combine with the faults above). @default 0 */
  readonly slowRate?: number;
  /** How late a slow response is. @default 2000 */
  readonly slowMs?: number;
  /** The JSON body is cut in half (the request still takes effect). @default 0 */
  readonly malformedRate?: number;
  /** A job lookup returns an unknown status word (`paused_by_vendor`) and extra fields. @default 0 */
  readonly driftRate?: number;
}

/** Fault rates for every vendor, with per-vendor overrides. */
export interface FaultOptions extends FaultRates {
  readonly revor?: FaultRates;
  readonly outx?: FaultRates;
  readonly oration?: FaultRates;
  readonly revkeen?: FaultRates;
}

/** Fault rates with every field set. */
export type ResolvedFaultRates = Required<FaultRates>;

/** The kinds of fault the simulator injects. */
export type FaultKind = 'reset' | 'server_error' | 'malformed' | 'drift' | 'slow';

/** The status word a drifted job lookup shows. */
export const DRIFT_STATUS = 'paused_by_vendor';

const NO_FAULTS: ResolvedFaultRates = {
  serverErrorRate: 0,
  htmlErrorShare: 0.5,
  resetRate: 0,
  slowRate: 0,
  slowMs: 2000,
  malformedRate: 0,
  driftRate: 0,
};

function pickDefined(rates: FaultRates | undefined): FaultRates {
  if (!rates) return {};
  return Object.fromEntries(
    Object.entries(rates).filter(([, value]) => typeof value === 'number'),
  ) as FaultRates;
}

/** The rates that apply to one vendor: defaults, then the global rates, then the vendor's own. */
export function resolveFaultRates(
  options: FaultOptions | undefined,
  vendor: SimulatedVendor,
): ResolvedFaultRates {
  const { revor: _revor, outx: _outx, oration: _oration, revkeen: _revkeen, ...global } = options ?? {};
  return { ...NO_FAULTS, ...pickDefined(global), ...pickDefined(options?.[vendor]) };
}

/** Problems with fault rates, as messages; empty when they are valid. */
export function validateFaultOptions(options: FaultOptions | undefined): string[] {
  if (!options) return [];
  const problems: string[] = [];
  const check = (rates: FaultRates, prefix: string) => {
    for (const [name, value] of Object.entries(rates)) {
      if (typeof value !== 'number') continue;
      const valid = name === 'slowMs' ? Number.isFinite(value) && value >= 0 : value >= 0 && value <= 1;
      if (!valid)
        problems.push(`faults.${prefix}${name} must be ${name === 'slowMs' ? '>= 0' : 'between 0 and 1'}`);
    }
  };
  const { revor, outx, oration, revkeen, ...global } = options;
  check(global, '');
  for (const [vendor, rates] of Object.entries({ revor, outx, oration, revkeen })) {
    if (rates) check(rates, `${vendor}.`);
  }
  return problems;
}

/** What happens to one request. `kind` is exclusive; `slowMs` (0 when not slow) adds to it. */
export interface FaultDecision {
  readonly kind: 'none' | 'reset' | 'server_error' | 'malformed' | 'drift';
  readonly html: boolean;
  readonly slowMs: number;
}

/** Three uniform draws in [0, 1). */
export interface FaultDraws {
  readonly kind: number;
  readonly html: number;
  readonly slow: number;
}

/** Decides a request's fault from three uniform draws; a pure function, tested as a table. */
export function decideFault(rates: ResolvedFaultRates, draws: FaultDraws): FaultDecision {
  const slowMs = draws.slow < rates.slowRate ? rates.slowMs : 0;
  let threshold = rates.resetRate;
  if (draws.kind < threshold) return { kind: 'reset', html: false, slowMs: 0 };
  threshold += rates.serverErrorRate;
  if (draws.kind < threshold)
    return { kind: 'server_error', html: draws.html < rates.htmlErrorShare, slowMs };
  threshold += rates.malformedRate;
  if (draws.kind < threshold) return { kind: 'malformed', html: false, slowMs };
  threshold += rates.driftRate;
  if (draws.kind < threshold) return { kind: 'drift', html: false, slowMs };
  return { kind: 'none', html: false, slowMs };
}

/** Draws a request's fault from the seeded fault stream (always three values, so the stream stays aligned). */
export function drawFault(random: Random, rates: ResolvedFaultRates): FaultDecision {
  return decideFault(rates, { kind: random.next(), html: random.next(), slow: random.next() });
}
