import { startSimulator } from '@asyncjob/simulator';
import type { CliIo } from '../cli-io';
import { EXIT_CODES, type ExitCode } from '../exit-code';
import { createOutput } from '../output';
import { simulatorEnvLines } from '../simulator-env';

/** Options of `asyncjob simulate`. */
export interface SimulateCommandOptions {
  /** Port on 127.0.0.1. @default a free one */
  readonly port?: number;
  /** Seed of every random choice, to replay a run. @default a random seed */
  readonly seed?: number;
}

/**
 * `asyncjob simulate`: runs the vendor simulator until `io.signal` fires (Ctrl+C, SIGTERM). The base URLs go to
 * stderr and the `export …` lines to stdout, ready to paste into another shell.
 */
export async function simulateCommand(options: SimulateCommandOptions, io: CliIo): Promise<ExitCode> {
  const output = createOutput(io);
  const started = await startSimulator({
    ...(options.port === undefined ? {} : { port: options.port }),
    ...(options.seed === undefined ? {} : { seed: options.seed }),
  });
  if (started.isErr()) {
    output.message(`error: the simulator did not start: ${started.error.kind}: ${started.error.message}`);
    return started.error.kind === 'listen_failed' ? EXIT_CODES.requestError : EXIT_CODES.usage;
  }
  const simulator = started.value;
  output.message(`Simulator listening on ${simulator.url} (seed ${simulator.seed}).`);
  for (const [vendor, url] of Object.entries(simulator.baseUrls))
    output.message(`  ${vendor.padEnd(8)} ${url}`);
  output.message("Point asyncjob at it from another shell with these lines (the simulator's test keys):");
  for (const line of simulatorEnvLines(simulator)) output.result(line);
  output.message('Press Ctrl+C to stop.');

  await stopped(io.signal);
  const stats = simulator.stats();
  await simulator.close();
  output.message(`Simulator stopped after ${stats.requests} requests and ${stats.jobsCreated} jobs.`);
  return EXIT_CODES.ok;
}

/** Resolves when the signal fires; never without one (the process is then stopped from outside). */
function stopped(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (!signal) return;
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}
