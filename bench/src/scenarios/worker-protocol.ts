import type { ContenderSpec } from '../contenders';

/** What a scenario worker is started with (as JSON in argv). */
export interface WorkerTask {
  readonly scenario: 's1' | 's2';
  /** The scenario's config (`S1Config` or `S2Config`). */
  readonly config: unknown;
  readonly contender: ContenderSpec;
}

/** Orchestrator → worker. */
export type WorkerCommand = { readonly type: 'start'; readonly startedAt: number };

/** Worker → orchestrator. */
export type WorkerMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'done'; readonly result: unknown }
  | { readonly type: 'failed'; readonly message: string };

/** A contender prepared in its worker: simulator up and warm, clients built, waiting for the common start. */
export interface PreparedRun<TResult> {
  run(startedAt: number): Promise<TResult>;
}
