import { existsSync } from 'node:fs';
import { type AsyncJobError, configError } from '@asyncjob/core';
import { openSqliteStore, type SqliteStore } from '@asyncjob/store-sqlite';
import { err, type Result } from 'neverthrow';
import { EXIT_CODES, type ExitCode } from './exit-code';
import { formatErrorLine } from './format-error';
import type { Output } from './output';

/** How a command uses its `--store` file. */
export interface JobStoreFileOptions {
  /** `wait` and `submit` create a missing file; `resume` and `jobs` read one that must exist. */
  readonly create: boolean;
}

/** Quotes a path for a shell command line shown to people, only when it needs it. */
export function shellArgument(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * Opens the SQLite job store of `--store <file>`. Every problem (a missing file where one must exist, a damaged
 * one, another program's database, a newer schema) is a `config` error naming the file, and the file is left as
 * it was.
 */
export function openJobStore(path: string, options: JobStoreFileOptions): Result<SqliteStore, AsyncJobError> {
  if (!options.create && !existsSync(path)) {
    return err(
      configError(
        `The job store ${path} does not exist; asyncjob wait <ref>... --store ${shellArgument(path)} records jobs in it.`,
        'store',
      ),
    );
  }
  return openSqliteStore(path);
}

/**
 * Runs a command on the opened store and closes it afterwards, whatever happened. A store that cannot be opened
 * is one line on stderr naming the file, and exit 2.
 */
export async function withJobStore(
  path: string,
  options: JobStoreFileOptions,
  output: Output,
  run: (store: SqliteStore) => Promise<ExitCode>,
): Promise<ExitCode> {
  const opened = openJobStore(path, options);
  if (opened.isErr()) return reportStoreError(output, opened.error);
  try {
    return await run(opened.value);
  } finally {
    const closed = await opened.value.close();
    if (closed.isErr()) output.message(formatErrorLine(null, closed.error));
  }
}

/**
 * A store that cannot be read: one line on stderr, exit 2. Its errors name the file; whatever the cause, the
 * file given is not usable as it is, so this is a config problem rather than a job's outcome.
 */
export function reportStoreError(output: Output, error: AsyncJobError): ExitCode {
  output.message(formatErrorLine(null, error));
  return EXIT_CODES.usage;
}
