import type { CliIo } from '../cli-io';
import { type DemoSettings, runDemo } from '../demo/run-demo';
import type { ExitCode } from '../exit-code';

export type { DemoSettings } from '../demo/run-demo';

/** Options of `asyncjob demo`. */
export interface DemoCommandOptions {
  /** The simulator's seed. @default 7 */
  readonly seed?: number;
}

/** `asyncjob demo`: the simulator, jobs on all four vendors, one tracker and a summary. */
export function demoCommand(
  options: DemoCommandOptions,
  io: CliIo,
  settings: DemoSettings = {},
): Promise<ExitCode> {
  return runDemo({ ...settings, ...(options.seed === undefined ? {} : { seed: options.seed }) }, io);
}
