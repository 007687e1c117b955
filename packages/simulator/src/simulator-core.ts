import { type FaultOptions, type ResolvedFaultRates, resolveFaultRates } from './faults';
import { createIdempotencyStore } from './idempotency-store';
import type { JobTruth } from './job-truth';
import { createOrationModule } from './oration-module';
import { createOutxModule, type OutxControl } from './outx-module';
import { createRandom } from './prng';
import { createRateLimiter } from './rate-limiter';
import { createRequestPipeline, type RequestPipeline } from './request-pipeline';
import type { RevkeenControl } from './revkeen-control';
import { createRevkeenModule } from './revkeen-module';
import { createRevorModule } from './revor-module';
import type { SimulateDirective } from './simulate-directive';
import { SIMULATED_VENDORS, type SimulatedVendor } from './simulated-vendor';
import type { ResolvedSimulatorOptions } from './simulator-options';
import { createStatsRecorder, type StatsRecorder } from './stats';
import type { VendorDeps, VendorModule } from './vendor-module';

/** Hooks for tests and demos: the simulator's truth and switches that no vendor API offers. */
export interface SimulatorControl extends OutxControl, RevkeenControl {
  /** The simulator clock (the `now` option). */
  now(): number;
  /** The real state of one job (a RevKeen run id for RevKeen), or undefined when unknown. */
  jobTruth(vendor: SimulatedVendor, id: string): JobTruth | undefined;
  /** The real state of every job, optionally of one vendor, in creation order per vendor. */
  jobs(vendor?: SimulatedVendor): JobTruth[];
  /**
   * Forces the fate of the next job created at a vendor (by `apiKey`, or by any key when left out). Queued
   * directives are used first in, first out; a job's own `simulate` field wins over a queued one field by field.
   */
  planNextJob(vendor: SimulatedVendor, directive: SimulateDirective, apiKey?: string): void;
  /** Revokes a key (Revor answers `api_key_revoked`, the others their invalid-key error), or restores it. */
  revokeKey(vendor: SimulatedVendor, apiKey: string, revoked?: boolean): void;
  /** Replaces the fault rates for subsequent requests; undefined turns faults off. */
  setFaults(faults: FaultOptions | undefined): void;
}

/** Everything behind the HTTP server. */
export interface SimulatorCore {
  readonly pipeline: RequestPipeline;
  readonly stats: StatsRecorder;
  readonly control: SimulatorControl;
}

function resolveAllFaults(faults: FaultOptions | undefined): Record<SimulatedVendor, ResolvedFaultRates> {
  return Object.fromEntries(
    SIMULATED_VENDORS.map((vendor) => [vendor, resolveFaultRates(faults, vendor)]),
  ) as Record<SimulatedVendor, ResolvedFaultRates>;
}

/** Wires the vendor modules, the shared stores and the control hooks. */
export function createSimulatorCore(options: ResolvedSimulatorOptions): SimulatorCore {
  const stats = createStatsRecorder();
  const planned = new Map<string, SimulateDirective[]>();
  const revoked = new Set<string>();
  let faultRates = resolveAllFaults(options.faults);

  const takeFrom = (queueKey: string): SimulateDirective | undefined => {
    const queue = planned.get(queueKey);
    const next = queue?.shift();
    if (queue && queue.length === 0) planned.delete(queueKey);
    return next;
  };
  const deps: VendorDeps = {
    options,
    jobRandom: createRandom(options.seed, 'jobs'),
    idRandom: createRandom(options.seed, 'ids'),
    recordJobCreated: (vendor) => stats.recordJobCreated(vendor),
    takePlannedDirective: (vendor, apiKey) =>
      takeFrom(`${vendor}|${apiKey}`) ?? takeFrom(`${vendor}|*`) ?? {},
    isRevoked: (vendor, apiKey) => revoked.has(`${vendor}|${apiKey}`),
  };

  const revor = createRevorModule(deps);
  const outx = createOutxModule(deps);
  const oration = createOrationModule(deps);
  const revkeen = createRevkeenModule(deps);
  const modules: Record<SimulatedVendor, VendorModule> = {
    revor,
    outx: outx.module,
    oration,
    revkeen: revkeen.module,
  };

  const pipeline = createRequestPipeline({
    modules: SIMULATED_VENDORS.map((vendor) => modules[vendor]),
    now: options.now,
    stats,
    faultRandom: createRandom(options.seed, 'faults'),
    faultRates: () => faultRates,
    rateLimits: Object.fromEntries(
      SIMULATED_VENDORS.map((vendor) => [vendor, options.vendors[vendor].rateLimit]),
    ) as Record<SimulatedVendor, ResolvedSimulatorOptions['vendors'][SimulatedVendor]['rateLimit']>,
    rateLimiter: createRateLimiter(),
    idempotency: createIdempotencyStore(),
  });

  const control: SimulatorControl = {
    ...outx.control,
    ...revkeen.control,
    now: () => options.now(),
    jobTruth: (vendor, id) => modules[vendor]?.jobTruth(id, options.now()),
    jobs: (vendor) => {
      const nowMs = options.now();
      const vendors = vendor ? [vendor] : SIMULATED_VENDORS;
      return vendors.flatMap((name) => modules[name].allJobs(nowMs));
    },
    planNextJob: (vendor, directive, apiKey) => {
      const queueKey = `${vendor}|${apiKey ?? '*'}`;
      planned.set(queueKey, [...(planned.get(queueKey) ?? []), directive]);
    },
    revokeKey: (vendor, apiKey, isRevoked = true) => {
      if (isRevoked) revoked.add(`${vendor}|${apiKey}`);
      else revoked.delete(`${vendor}|${apiKey}`);
    },
    setFaults: (faults) => {
      faultRates = resolveAllFaults(faults);
    },
  };
  return { pipeline, stats, control };
}
