import { err, ok, type Result } from 'neverthrow';
import type { DurationSetting } from './durations';
import { type FaultOptions, validateFaultOptions } from './faults';
import type { RateLimitRule } from './rate-limiter';
import { SIMULATED_VENDORS, type SimulatedVendor } from './simulated-vendor';
import { type SimulatorError, simulatorError } from './simulator-error';
import { DEFAULT_VENDOR_SETTINGS } from './vendor-defaults';

/** An Oration API key and the workspace it belongs to; the workspace is the tenant. */
export interface OrationSimulatorKey {
  readonly apiKey: string;
  readonly workspaceSlug: string;
  readonly workspaceId: string;
  /** When set, a request that sends `Authorization: Bearer …` must send this token. */
  readonly token?: string;
}

/** The valid API keys per vendor. Each key is its own tenant (Oration: each workspace). */
export interface SimulatorKeys {
  readonly revor: readonly string[];
  readonly outx: readonly string[];
  readonly oration: readonly OrationSimulatorKey[];
  readonly revkeen: readonly string[];
}

/** The keys the simulator accepts unless told otherwise. */
export const DEFAULT_SIMULATOR_KEYS: SimulatorKeys = {
  revor: ['sk-revor-sim-1', 'sk-revor-sim-2'],
  outx: ['outx-sim-key-1', 'outx-sim-key-2'],
  oration: [
    {
      apiKey: 'oration-sim-key-1',
      workspaceSlug: 'sim-workspace',
      workspaceId: '6f8c7d9d-34e2-4f42-9f5d-8f3c5b16a6af',
    },
    {
      apiKey: 'oration-sim-key-2',
      workspaceSlug: 'sim-workspace-2',
      workspaceId: '0b7d2c4e-9a1f-4c3b-8e5d-2f6a7b8c9d0e',
    },
  ],
  revkeen: ['rk_sandbox_sim_1', 'rk_sandbox_sim_2'],
};

/** How long a vendor's jobs wait and run. A number is exact milliseconds; a spec is a log-normal spread. */
export interface VendorDurations {
  /** Time queued before the first attempt (OutX: time until the extension picks the task up). */
  readonly queued?: DurationSetting;
  /** Time one attempt runs. */
  readonly run?: DurationSetting;
  /** Time between a failed attempt and the next one. */
  readonly retryDelay?: DurationSetting;
}

/** Probabilities (0 to 1) of each job fate for one vendor; the rest succeed. */
export interface OutcomeRates {
  readonly failed?: number;
  readonly cancelled?: number;
  /** Share of jobs that fail an attempt and are retried (Revor, Oration). */
  readonly retry?: number;
  /** RevKeen: share of runs that wait for an approval. */
  readonly approval?: number;
  /** Revor post-likes: share that succeed with `result.status = "skipped"`. */
  readonly skipped?: number;
}

/** A RevKeen automation that runs can be started on. */
export interface SimulatorAutomation {
  readonly id: string;
  readonly name: string;
  readonly objective?: string;
  /** Every run of it waits for an approval. @default false */
  readonly requiresApproval?: boolean;
}

/** The automations every RevKeen tenant has unless told otherwise. */
export const DEFAULT_REVKEEN_AUTOMATIONS: readonly SimulatorAutomation[] = [
  {
    id: '64fb5f73-6415-4f56-8e9e-ca06539f09ac',
    name: 'Chase overdue invoices',
    objective: 'Send a reminder for every invoice more than 7 days overdue.',
  },
  {
    id: '9a1e4c2b-7d3f-4e8a-b5c6-1f2e3d4c5b6a',
    name: 'Refund review',
    objective: 'Refund disputed charges after a person approves.',
    requiresApproval: true,
  },
];

/** Options of `startSimulator`. Every field is optional. */
export interface SimulatorOptions {
  /** Port on 127.0.0.1; 0 picks a free one. @default 0 */
  readonly port?: number;
  /** Seed of every random choice (ids, durations, outcomes, faults). @default a random seed */
  readonly seed?: number;
  /** The clock, in epoch milliseconds; job states are computed from it at each lookup. @default Date.now */
  readonly now?: () => number;
  /** Valid API keys per vendor; a vendor left out keeps its defaults. @default DEFAULT_SIMULATOR_KEYS */
  readonly keys?: Partial<SimulatorKeys>;
  /** Per vendor durations; fields left out keep the vendor's defaults. */
  readonly durations?: Partial<Record<SimulatedVendor, VendorDurations>>;
  /** Per vendor outcome probabilities; fields left out keep the vendor's defaults. */
  readonly outcomes?: Partial<Record<SimulatedVendor, OutcomeRates>>;
  /**
   * Per vendor, per key request budgets; `null` turns a vendor's limit off.
   * @default Revor 120 requests per 60 s; the others unlimited
   */
  readonly rateLimits?: Partial<Record<SimulatedVendor, RateLimitRule | null>>;
  /** Injected faults, globally or per vendor. @default none */
  readonly faults?: FaultOptions;
  /** Multiplies every sampled duration and Revor's pacing gap (0.01 makes a demo 100 times faster). @default 1 */
  readonly timeScale?: number;
  /** Revor: space tasks on the same account and channel by `min_channel_task_interval_seconds`. @default true */
  readonly revorPacing?: boolean;
  /** RevKeen automations, the same for every key. @default DEFAULT_REVKEEN_AUTOMATIONS */
  readonly revkeenAutomations?: readonly SimulatorAutomation[];
}

/** One vendor's settings with every field set. */
export interface ResolvedVendorSettings {
  readonly durations: Required<VendorDurations>;
  readonly outcomes: Required<OutcomeRates>;
  readonly rateLimit: RateLimitRule | null;
}

/** The options after defaults and validation. */
export interface ResolvedSimulatorOptions {
  readonly port: number;
  readonly seed: number;
  readonly now: () => number;
  readonly keys: SimulatorKeys;
  readonly timeScale: number;
  readonly revorPacing: boolean;
  readonly revkeenAutomations: readonly SimulatorAutomation[];
  readonly faults: FaultOptions | undefined;
  readonly vendors: Readonly<Record<SimulatedVendor, ResolvedVendorSettings>>;
}

function isProbability(value: unknown): boolean {
  return typeof value === 'number' && value >= 0 && value <= 1;
}

function validateDuration(setting: DurationSetting | undefined, name: string): string[] {
  if (setting === undefined) return [];
  if (typeof setting === 'number')
    return Number.isFinite(setting) && setting >= 0 ? [] : [`${name} must be >= 0`];
  const valid =
    Number.isFinite(setting.medianMs) &&
    setting.medianMs >= 0 &&
    (setting.sigma === undefined || setting.sigma >= 0);
  return valid ? [] : [`${name} needs medianMs >= 0 and sigma >= 0`];
}

function validateVendor(options: SimulatorOptions, vendor: SimulatedVendor): string[] {
  const problems: string[] = [];
  for (const [name, setting] of Object.entries(options.durations?.[vendor] ?? {})) {
    problems.push(...validateDuration(setting as DurationSetting, `durations.${vendor}.${name}`));
  }
  for (const [name, value] of Object.entries(options.outcomes?.[vendor] ?? {})) {
    if (!isProbability(value)) problems.push(`outcomes.${vendor}.${name} must be between 0 and 1`);
  }
  const rule = options.rateLimits?.[vendor];
  if (
    rule &&
    !(rule.limit >= 1 && rule.windowMs >= 1 && (rule.userLimit === undefined || rule.userLimit >= 1))
  ) {
    problems.push(`rateLimits.${vendor} needs limit >= 1 and windowMs >= 1`);
  }
  return problems;
}

function validateKeys(keys: SimulatorKeys): string[] {
  const problems: string[] = [];
  for (const key of keys.revkeen) {
    if (!/^rk_(sandbox|live)_/.test(key))
      problems.push(`keys.revkeen: "${key}" must start with rk_sandbox_ or rk_live_`);
  }
  const all = [...keys.revor, ...keys.outx, ...keys.revkeen, ...keys.oration.map((entry) => entry.apiKey)];
  if (all.some((key) => typeof key !== 'string' || key.length === 0))
    problems.push('keys must be non-empty strings');
  const slugs = keys.oration.map((entry) => entry.workspaceSlug);
  if (new Set(slugs).size !== slugs.length) problems.push('keys.oration: workspace slugs must be unique');
  return problems;
}

/** Applies defaults and checks the options; never throws. */
export function resolveSimulatorOptions(
  options: SimulatorOptions = {},
): Result<ResolvedSimulatorOptions, SimulatorError> {
  const keys: SimulatorKeys = { ...DEFAULT_SIMULATOR_KEYS, ...options.keys };
  const problems: string[] = [];
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    problems.push('port must be an integer in 0..65535');
  const timeScale = options.timeScale ?? 1;
  if (!(Number.isFinite(timeScale) && timeScale >= 0)) problems.push('timeScale must be >= 0');
  if (options.seed !== undefined && !Number.isFinite(options.seed))
    problems.push('seed must be a finite number');
  problems.push(...validateKeys(keys), ...validateFaultOptions(options.faults));
  for (const vendor of SIMULATED_VENDORS) problems.push(...validateVendor(options, vendor));
  if (problems.length > 0)
    return err(simulatorError('invalid_options', `Invalid simulator options: ${problems.join('; ')}`));

  const vendors = Object.fromEntries(
    SIMULATED_VENDORS.map((vendor) => {
      const defaults = DEFAULT_VENDOR_SETTINGS[vendor];
      const rule = options.rateLimits?.[vendor];
      const settings: ResolvedVendorSettings = {
        durations: { ...defaults.durations, ...options.durations?.[vendor] },
        outcomes: { ...defaults.outcomes, ...options.outcomes?.[vendor] },
        rateLimit: rule === undefined ? defaults.rateLimit : rule,
      };
      return [vendor, settings];
    }),
  ) as Record<SimulatedVendor, ResolvedVendorSettings>;

  return ok({
    port,
    seed: options.seed === undefined ? Math.floor(Math.random() * 2 ** 32) : Math.floor(options.seed) >>> 0,
    now: options.now ?? Date.now,
    keys,
    timeScale,
    revorPacing: options.revorPacing ?? true,
    revkeenAutomations: options.revkeenAutomations ?? DEFAULT_REVKEEN_AUTOMATIONS,
    faults: options.faults,
    vendors,
  });
}
