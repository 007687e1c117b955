export type { DurationSetting, DurationSpec } from './durations';
export type { FaultKind, FaultOptions, FaultRates } from './faults';
export { DRIFT_STATUS } from './faults';
export type { PlannedOutcome } from './job-plan';
export type { JobTruth } from './job-truth';
export type { OutxControl } from './outx-module';
export type { RateLimitRule } from './rate-limiter';
export type { ApprovalInfo, RevkeenControl } from './revkeen-control';
export type { SimulateDirective } from './simulate-directive';
export type { SimulatedVendor } from './simulated-vendor';
export { REVOR_V2_BASE_PATH, SIMULATED_VENDORS, VENDOR_BASE_PATHS } from './simulated-vendor';
export type { SimulatorControl } from './simulator-core';
export type { SimulatorError } from './simulator-error';
export type {
  OrationSimulatorKey,
  OutcomeRates,
  SimulatorAutomation,
  SimulatorKeys,
  SimulatorOptions,
  VendorDurations,
} from './simulator-options';
export { DEFAULT_REVKEEN_AUTOMATIONS, DEFAULT_SIMULATOR_KEYS } from './simulator-options';
export type { RunningSimulator, SimulatorStatsReader } from './start-simulator';
export { startSimulator } from './start-simulator';
export type { SimulatorStats, SimulatorVendorStats } from './stats';
