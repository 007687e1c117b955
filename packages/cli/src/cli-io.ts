import type { Environment } from '@asyncjob/core';

/** Where a command writes: `process.stdout` / `process.stderr`, or a test's buffer. */
export interface CliStream {
  write(text: string): unknown;
}

/**
 * Everything a command touches outside itself, injected so that tests run commands in-process. Commands write
 * results to `stdout`, messages and progress to `stderr`, and return an exit code: they never exit or throw.
 */
export interface CliIo {
  readonly stdout: CliStream;
  readonly stderr: CliStream;
  /** The variables config is read from (`REVOR_API_KEY` …). */
  readonly env: Environment;
  /** Whether stderr is a terminal: progress is a spinner there and plain lines otherwise. */
  readonly isTTY: boolean;
  /** Fires on Ctrl+C or SIGTERM: waits stop cleanly and `simulate` shuts down. */
  readonly signal?: AbortSignal;
}
