import type { CliIo } from './cli-io';

/** The process's io, and the function that removes its signal listeners once the command is done. */
export interface NodeIo {
  readonly io: CliIo;
  dispose(): void;
}

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * The real process as a `CliIo`. The first Ctrl+C (or SIGTERM) aborts `io.signal` so the command can stop its
 * requests and timers and report; a second one exits at once.
 */
export function createNodeIo(): NodeIo {
  const controller = new AbortController();
  const onSignal = (): void => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort();
  };
  for (const name of SIGNALS) process.on(name, onSignal);
  return {
    io: {
      stdout: process.stdout,
      stderr: process.stderr,
      env: process.env,
      isTTY: process.stderr.isTTY === true,
      signal: controller.signal,
    },
    dispose: () => {
      for (const name of SIGNALS) process.off(name, onSignal);
    },
  };
}
