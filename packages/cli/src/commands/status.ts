import type { CliIo } from '../cli-io';
import { type ExitCode, exitCodeOf } from '../exit-code';
import { openRegistry } from '../open-registry';
import { createOutput } from '../output';
import { withConfigHint } from '../registry';
import { type ReportFormat, reportError, reportJob } from '../report';

/** Options of `asyncjob status`. */
export interface StatusCommandOptions extends ReportFormat {
  readonly ref: string;
  /** `--config <file.json>`; the environment when left out. */
  readonly config?: string;
}

/** `asyncjob status <ref>`: one lookup. 0 when it worked, whatever the job's status; 3 request error; 2 usage. */
export async function statusCommand(options: StatusCommandOptions, io: CliIo): Promise<ExitCode> {
  const output = createOutput(io);
  const registry = openRegistry(io.env, output, options.config);
  if (registry.isErr())
    return exitCodeOf(reportError(output, null, registry.error, { json: false }), 'lookup');
  const found = await registry.value.get(options.ref, { signal: io.signal });
  const outcome = found.match(
    (job) => reportJob(output, job, options),
    (error) => reportError(output, options.ref, withConfigHint(error), options),
  );
  return exitCodeOf(outcome, 'lookup');
}
