import { type BackoffOptions, configFromEnv, type SettledJob } from '@asyncjob/core';
import { type RunningSimulator, SIMULATED_VENDORS, startSimulator } from '@asyncjob/simulator';
import type { CliIo } from '../cli-io';
import { EXIT_CODES, type ExitCode, exitCodeForOutcomes, type Outcome } from '../exit-code';
import { formatErrorLine } from '../format-error';
import { formatFailure } from '../format-job';
import { createOutput, type Output } from '../output';
import { buildRegistry } from '../registry';
import { simulatorEnv } from '../simulator-env';
import { formatSeconds } from '../summarize-outcomes';
import { trackJobs } from '../track-jobs';
import { createDemoApprover, revkeenRunId } from './demo-approvals';
import { createDemoClients, createDemoJobs, loadDemoContext } from './demo-clients';
import { DEMO_JOBS, type DemoJobSpec } from './demo-scenario';
import { countAgreements, type DemoJobRecord, formatDemoTable, summarizeDemo } from './demo-summary';

/** What the demo can be tuned with (tests run it faster). */
export interface DemoSettings {
  /** The simulator's seed. @default 7 */
  readonly seed?: number;
  /** The simulator's clock speed: job durations, Revor's pacing and its rate window are multiplied by it. @default 0.1 */
  readonly timeScale?: number;
  /** How often a plain progress line is printed when stderr is not a terminal. @default 2000 */
  readonly progressIntervalMs?: number;
  /** Per-job deadline. @default 120000 */
  readonly timeoutMs?: number;
}

/**
 * The demo: starts the simulator on a free port, creates the scenario's jobs on all four vendors, waits for them
 * with one tracker (approving RevKeen runs and waking the OutX extension along the way), prints a summary per
 * vendor and closes the simulator. Exit 0 when every job was tracked to the end, whatever its outcome.
 */
export async function runDemo(settings: DemoSettings, io: CliIo): Promise<ExitCode> {
  const output = createOutput(io);
  const timeScale = settings.timeScale ?? 0.1;
  const started = await startSimulator({
    seed: settings.seed ?? 7,
    timeScale,
    // Revor's 120 requests a minute, on the simulator's faster clock.
    rateLimits: { revor: { limit: 120, windowMs: Math.max(1000, Math.round(60_000 * timeScale)) } },
  });
  if (started.isErr()) {
    output.message(`error: the simulator did not start: ${started.error.kind}: ${started.error.message}`);
    return EXIT_CODES.requestError;
  }
  const simulator = started.value;
  try {
    return await runScenario(simulator, settings, timeScale, io, output);
  } finally {
    await simulator.close();
  }
}

async function runScenario(
  simulator: RunningSimulator,
  settings: DemoSettings,
  timeScale: number,
  io: CliIo,
  output: Output,
): Promise<ExitCode> {
  const startedAt = Date.now();
  const speed = timeScale > 0 ? `${Math.round(1 / timeScale)}x speed` : 'instant';
  output.message(`Simulator on ${simulator.url} (seed ${simulator.seed}, ${speed}).`);
  const env = simulatorEnv(simulator);
  // The same path as `asyncjob wait`: config from the environment, the four adapters' factories, one registry.
  const registry = configFromEnv(env).andThen((configs) => buildRegistry(configs, 'the simulator'));
  if (registry.isErr()) {
    output.message(formatErrorLine(null, registry.error));
    return EXIT_CODES.usage;
  }
  const clients = createDemoClients(env);
  const context = await loadDemoContext(clients, simulator);
  if (context.isErr()) {
    output.message(formatErrorLine(null, context.error));
    return EXIT_CODES.requestError;
  }

  const outxKey = env.OUTX_API_KEY as string;
  simulator.control.setExtensionRunning(outxKey, false);
  output.message("OutX: the team's Chrome extension is not running for now, so its tasks stay pending.");
  const creations = await createDemoJobs(DEMO_JOBS, clients, context.value, simulator);
  const outcomes: Outcome[] = [];
  const specOf = new Map<string, DemoJobSpec>();
  for (const creation of creations) {
    if ('job' in creation) specOf.set(creation.job.ref, creation.spec);
    else {
      output.message(`${formatErrorLine(null, creation.error)} (${creation.spec.description})`);
      outcomes.push({ kind: 'error', error: creation.error });
    }
  }
  const created = creations.flatMap((creation) => ('job' in creation ? [creation] : []));
  output.message(`Created ${created.length} jobs: ${describeCreated(created.map((entry) => entry.job))}.`);

  const extensionTimer = setTimeout(() => {
    simulator.control.setExtensionRunning(outxKey, true);
    output.message('OutX: the extension is running again; pending tasks start.');
  }, 40_000 * timeScale);
  const approver = createDemoApprover(clients.revkeen, output, 15_000 * timeScale);
  const seenAt = new Map<string, number>();
  const run = await trackJobs(
    registry.value,
    created.map(({ spec, job }) => ({ target: job, operation: spec.operation })),
    io,
    output,
    {
      timeoutMs: settings.timeoutMs ?? 120_000,
      tracker: { backoff: demoBackoff(timeScale) },
      progress: { label: 'demo', intervalMs: settings.progressIntervalMs ?? 2000 },
      signal: io.signal,
      onEvent: (event) => {
        const approval = event.type === 'change' ? specOf.get(event.job.ref)?.approval : undefined;
        if (event.type === 'change' && event.job.status === 'awaiting_action' && approval) {
          output.message(`${event.job.ref} awaits approval: ${specOf.get(event.job.ref)?.description}`);
          approver.review(event.job, approval);
        }
      },
      onSettled: (settled) => {
        seenAt.set(settled.ref, simulator.control.now());
        output.message(describeSettled(settled, specOf.get(settled.ref)));
      },
    },
  );
  clearTimeout(extensionTimer);
  await approver.close();

  const records = run.settled.map((settled) => recordOf(settled, simulator, seenAt.get(settled.ref) ?? null));
  for (const settled of run.settled)
    if (settled.result.isErr()) outcomes.push({ kind: 'error', error: settled.result.error });
  if (run.interrupted) {
    output.message(`interrupted: ${run.unsettled.length} jobs not finished; the simulator stops now.`);
    outcomes.push({ kind: 'interrupted' });
  }
  const headline = run.interrupted
    ? `Demo interrupted after ${formatSeconds(Date.now() - startedAt)}: ${records.length} of ${created.length} jobs settled`
    : `Demo finished in ${formatSeconds(Date.now() - startedAt)}: ${records.length} jobs on ${SIMULATED_VENDORS.length} vendors`;
  printSummary(output, `${headline}, one tracker (${run.stats.requests} status checks).`, records, simulator);
  return exitCodeForOutcomes(outcomes, 'lookup');
}

/** The tracker's backoff on the simulator's clock: the usual 2 s to 30 s, scaled like the jobs' durations. */
export function demoBackoff(timeScale: number): Partial<BackoffOptions> {
  return {
    minDelayMs: Math.max(50, Math.round(2000 * timeScale)),
    initialDelayMs: Math.max(100, Math.round(10_000 * timeScale)),
    maxDelayMs: Math.max(200, Math.round(30_000 * timeScale)),
  };
}

function describeCreated(jobs: readonly { provider: string; status: string }[]): string {
  return SIMULATED_VENDORS.map((vendor) => {
    const own = jobs.filter((job) => job.provider === vendor);
    const statuses = [...new Set(own.map((job) => job.status))]
      .map((status) => `${own.filter((job) => job.status === status).length} ${status}`)
      .join(', ');
    return `${vendor} ${own.length} (${statuses})`;
  }).join('; ');
}

function describeSettled(settled: SettledJob, spec: DemoJobSpec | undefined): string {
  const what = spec?.description ?? settled.operation;
  return settled.result.match(
    (job) => {
      const reason = job.failure ? `: ${formatFailure(job.failure)}` : '';
      return `${settled.provider.padEnd(8)} ${job.status.padEnd(10)} ${what}${reason}`;
    },
    (error) =>
      `${settled.provider.padEnd(8)} ${'error'.padEnd(10)} ${what}: ${formatErrorLine(settled.ref, error)}`,
  );
}

function recordOf(settled: SettledJob, simulator: RunningSimulator, seenAtMs: number | null): DemoJobRecord {
  const vendor = SIMULATED_VENDORS.find((name) => name === settled.provider);
  const id = settled.ref.slice(settled.ref.indexOf(':') + 1);
  const truth = vendor
    ? simulator.control.jobTruth(vendor, vendor === 'revkeen' ? revkeenRunId(id) : id)
    : undefined;
  const finishedAtMs = truth?.finishedAtMs ?? null;
  return {
    vendor: settled.provider,
    ref: settled.ref,
    status: settled.result.isOk() ? settled.result.value.status : 'error',
    trueOutcome: truth?.outcome ?? null,
    detectionDelayMs:
      seenAtMs === null || finishedAtMs === null || settled.result.isErr()
        ? null
        : Math.max(0, seenAtMs - finishedAtMs),
  };
}

function printSummary(
  output: Output,
  headline: string,
  records: readonly DemoJobRecord[],
  simulator: RunningSimulator,
): void {
  const stats = simulator.stats();
  const requests = Object.fromEntries(
    SIMULATED_VENDORS.map((vendor) => [vendor, stats.byVendor[vendor].requests]),
  );
  const { agree, checked } = countAgreements(records);
  output.result('');
  output.result(headline);
  output.result('');
  for (const line of formatDemoTable(summarizeDemo(SIMULATED_VENDORS, records, requests)))
    output.result(line);
  output.result('');
  output.result('requests: every request the vendor received (creates, status checks, approvals).');
  output.result('detect: when the tracker saw a job finish minus when the simulator finished it.');
  output.result(`The tracker's outcome matches the simulator's truth for ${agree} of ${checked} jobs.`);
}
