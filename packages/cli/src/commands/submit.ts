import type { AsyncJobClient, JobRegistry } from '@asyncjob/core';
import type { SqliteStore } from '@asyncjob/store-sqlite';
import type { CliIo } from '../cli-io';
import { type ExitCode, exitCodeOf, type Outcome } from '../exit-code';
import { finishWait, resumeHint } from '../finish-wait';
import { formatJobLine } from '../format-job';
import { withJobStore } from '../job-store-file';
import { openRegistry } from '../open-registry';
import { createOutput, type Output } from '../output';
import { IDEMPOTENT_PROVIDERS, withConfigHint } from '../registry';
import { type ReportFormat, reportError, reportJob, reportSettled } from '../report';
import { startJobRun } from '../track-jobs';
import { trackerStore } from '../tracker-store';
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
  /** `--store <file>` (with `--wait`): the created job is recorded in this SQLite file before it is printed. */
  readonly store?: string;
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
  if (!options.wait) {
    const created = await create(client.value, options, io);
    return exitCodeOf(
      created.match(
        (job) => reportJob(output, job, options),
        (error) => reportError(output, null, error, options),
      ),
      'lookup',
    );
  }
  const { store } = options;
  if (store === undefined)
    return createAndWait(registry.value, client.value, null, options, io, output, settings);
  return withJobStore(store, { create: true }, output, (opened) =>
    createAndWait(registry.value, client.value, opened, options, io, output, settings),
  );
}

function create(client: AsyncJobClient, options: SubmitCommandOptions, io: CliIo) {
  return client.submit(options.operation, options.data, {
    ...(options.idempotencyKey === undefined ? {} : { idempotencyKey: options.idempotencyKey }),
    ...(io.signal ? { signal: io.signal } : {}),
  });
}

async function createAndWait(
  registry: JobRegistry,
  client: AsyncJobClient,
  store: SqliteStore | null,
  options: SubmitCommandOptions,
  io: CliIo,
  output: Output,
  settings: WaitSettings,
): Promise<ExitCode> {
  const startedAt = Date.now();
  const outcomes: Outcome[] = [];
  const run = startJobRun(registry, io, output, {
    timeoutMs: options.timeoutMs,
    tracker: settings.tracker,
    store: store ? trackerStore(store) : undefined,
    progress: { label: 'waiting', intervalMs: settings.progressIntervalMs },
    signal: io.signal,
    onSettled: (settled) => outcomes.push(reportSettled(output, settled, options)),
  });
  // With a store, the job is on disk before it is printed: a crash right after the create cannot lose it.
  const created = await run.trackCreated(create(client, options, io), options.operation);
  if (created.isErr()) {
    await run.finish();
    return exitCodeOf(reportError(output, null, created.error, options), 'wait');
  }
  const job = created.value;
  output.message(`created ${formatJobLine(job)}`);
  return finishWait(output, {
    run: await run.finish(),
    outcomes,
    startedAt,
    format: options,
    store,
    interruptedLines: () => [
      store
        ? `interrupted: the job goes on; ${resumeHint(store.path)}`
        : `interrupted: the job goes on; resume with: asyncjob wait ${job.ref}`,
    ],
  });
}
