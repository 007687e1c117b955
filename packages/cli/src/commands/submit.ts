import type { CliIo } from '../cli-io';
import { type ExitCode, exitCodeForOutcomes, exitCodeOf, type Outcome } from '../exit-code';
import { formatJobLine } from '../format-job';
import { openRegistry } from '../open-registry';
import { createOutput } from '../output';
import { IDEMPOTENT_PROVIDERS, withConfigHint } from '../registry';
import { type ReportFormat, reportError, reportJob, reportSettled } from '../report';
import { summarizeOutcomes } from '../summarize-outcomes';
import { trackJobs } from '../track-jobs';
import type { WaitSettings } from './wait';

/** Options of `asyncjob submit`. */
export interface SubmitCommandOptions extends ReportFormat {
  readonly provider: string;
  readonly operation: string;
  /** The parsed `--data` JSON, validated by the adapter against the operation's schema. */
  readonly data: unknown;
  readonly idempotencyKey?: string;
  /** Track the created job until it settles. */
  readonly wait: boolean;
  /** Per-job deadline of `--wait`. */
  readonly timeoutMs: number;
  readonly config?: string;
}

/**
 * `asyncjob submit <provider> <operation> --data <json>`: creates a job through the adapter's generic `submit`.
 * Without `--wait` it prints the created job (exit 0); with it, it tracks the job and exits as `wait` does.
 */
export async function submitCommand(
  options: SubmitCommandOptions,
  io: CliIo,
  settings: WaitSettings = {},
): Promise<ExitCode> {
  const output = createOutput(io);
  const mode = options.wait ? 'wait' : 'lookup';
  const registry = openRegistry(io.env, output, options.config);
  if (registry.isErr()) return exitCodeOf(reportError(output, null, registry.error, { json: false }), mode);
  const client = registry.value.client(options.provider);
  if (client.isErr())
    return exitCodeOf(reportError(output, null, withConfigHint(client.error), options), mode);

  if (options.idempotencyKey !== undefined && !IDEMPOTENT_PROVIDERS.has(options.provider)) {
    output.message(`note: ${options.provider} takes no idempotency key; --idempotency-key is ignored.`);
  }
  const created = await client.value.submit(options.operation, options.data, {
    ...(options.idempotencyKey === undefined ? {} : { idempotencyKey: options.idempotencyKey }),
    ...(io.signal ? { signal: io.signal } : {}),
  });
  if (created.isErr()) return exitCodeOf(reportError(output, null, created.error, options), mode);
  const job = created.value;
  if (!options.wait) return exitCodeOf(reportJob(output, job, options), 'lookup');

  output.message(`created ${formatJobLine(job)}`);
  const startedAt = Date.now();
  const outcomes: Outcome[] = [];
  const run = await trackJobs(registry.value, [{ target: job, operation: options.operation }], io, output, {
    timeoutMs: options.timeoutMs,
    tracker: settings.tracker,
    progress: { label: 'waiting', intervalMs: settings.progressIntervalMs },
    signal: io.signal,
    onSettled: (settled) => outcomes.push(reportSettled(output, settled, options)),
  });
  if (run.interrupted) {
    output.message(`interrupted: the job goes on; resume with: asyncjob wait ${job.ref}`);
    outcomes.push({ kind: 'interrupted' });
  }
  output.message(summarizeOutcomes(outcomes, Date.now() - startedAt, run.stats.requests));
  return exitCodeForOutcomes(outcomes, 'wait');
}
