import type { CliIo } from '../cli-io';
import { EXIT_CODES, type ExitCode } from '../exit-code';
import { formatStoredJobJsonLine, formatStoredJobLine, summarizeStoredJobs } from '../format-stored-job';
import { reportStoreError, withJobStore } from '../job-store-file';
import { credentialVariables } from '../open-registry';
import { createOutput } from '../output';

/** Options of `asyncjob jobs`. */
export interface JobsCommandOptions {
  /** `--store <file>`: the SQLite file to read; it must exist. */
  readonly store: string;
  readonly json: boolean;
}

/**
 * `asyncjob jobs --store <file>`: lists every recorded job, oldest first, with its outcome or its last known
 * status; no request is made. 0, or 2 when the file is missing, damaged or of a newer schema.
 */
export async function jobsCommand(options: JobsCommandOptions, io: CliIo): Promise<ExitCode> {
  const output = createOutput(io);
  // No config is read, but a recorded vendor message must not show a key either.
  output.addSecrets(credentialVariables(io.env));
  return withJobStore(options.store, { create: false }, output, async (store) => {
    const listed = await store.list();
    if (listed.isErr()) return reportStoreError(output, listed.error);
    for (const job of listed.value)
      output.result(options.json ? formatStoredJobJsonLine(job) : formatStoredJobLine(job));
    output.message(summarizeStoredJobs(listed.value, store.path));
    return EXIT_CODES.ok;
  });
}
