import type {
  JobTruth,
  SimulatedVendor,
  SimulatorAutomation,
  SimulatorKeys,
  SimulatorStats,
} from '@asyncjob/simulator';

/** What the simulator process reports once it listens. */
export interface SimulatorReady {
  readonly type: 'ready';
  readonly seed: number;
  readonly baseUrls: Readonly<Record<SimulatedVendor, string>>;
  readonly keys: SimulatorKeys;
  readonly automations: readonly SimulatorAutomation[];
}

/** The calls the benchmark makes into the simulator process, with their results. */
export interface SimulatorCalls {
  /** Request counts since start or the last reset. */
  stats(): SimulatorStats;
  resetStats(): null;
  /** Every job's truth, in creation order per vendor. */
  jobs(): JobTruth[];
  /** Closes or reopens the browser that runs a team's OutX extension. */
  setExtensionRunning(apiKey: string, running: boolean): null;
  /** A person approves the run's approval `delayMs` after the run asks for it. */
  approveAfter(runId: string, delayMs: number): null;
  /** Resolves with the job's finish time as soon as it has really finished (for the oracle). */
  waitForFinish(vendor: SimulatedVendor, id: string): number;
  close(): null;
}

export type SimulatorMethod = keyof SimulatorCalls;

/** A call into the simulator process. */
export interface SimulatorCall {
  readonly type: 'call';
  readonly id: number;
  readonly method: SimulatorMethod;
  readonly args: readonly unknown[];
}

/** The answer to one call. */
export type SimulatorAnswer =
  | { readonly type: 'answer'; readonly id: number; readonly value: unknown }
  | { readonly type: 'failure'; readonly id: number; readonly message: string };

/** Everything the simulator process sends. */
export type SimulatorMessage =
  | SimulatorReady
  | SimulatorAnswer
  | { readonly type: 'start_failed'; readonly message: string };
