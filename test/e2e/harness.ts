import type { AsyncJob, AsyncJobError, ProviderConfig, ProviderFactories, WaitOptions } from '@asyncjob/core';
import { orationFactory } from '@asyncjob/oration';
import { outxFactory } from '@asyncjob/outx';
import { revkeenFactory } from '@asyncjob/revkeen';
import { revorFactory } from '@asyncjob/revor';
import {
  type JobTruth,
  type RunningSimulator,
  type SimulatedVendor,
  type SimulatorOptions,
  startSimulator,
} from '@asyncjob/simulator';
import type { Result } from 'neverthrow';
import { expect, onTestFinished } from 'vitest';

/** Every adapter, as a registry or `createJobClient` takes them. */
export const factories: ProviderFactories = {
  revor: revorFactory,
  outx: outxFactory,
  oration: orationFactory,
  revkeen: revkeenFactory,
};

/** The four vendors, in the simulator's order. */
export const VENDORS: readonly SimulatedVendor[] = ['revor', 'outx', 'oration', 'revkeen'];

/** Outcome rates under which every job succeeds at its first attempt. */
export const ALL_SUCCEED: SimulatorOptions['outcomes'] = {
  revor: { failed: 0, cancelled: 0, retry: 0, skipped: 0 },
  outx: { failed: 0 },
  oration: { failed: 0, retry: 0 },
  revkeen: { failed: 0, cancelled: 0, approval: 0 },
};

/**
 * Starts a simulator on 127.0.0.1 for the current test and closes it when the test ends (passed or not).
 * Seeds are fixed by every caller so that a failure replays.
 */
export async function useSimulator(options: SimulatorOptions & { seed: number }): Promise<RunningSimulator> {
  const started = await startSimulator(options);
  if (started.isErr()) throw new Error(`The simulator did not start: ${started.error.message}`);
  const simulator = started.value;
  onTestFinished(() => simulator.close());
  return simulator;
}

/** The config of one vendor at the simulator, with the simulator's first (or `index`-th) key. */
export function simulatorConfig(
  simulator: RunningSimulator,
  vendor: SimulatedVendor,
  index = 0,
): ProviderConfig {
  const { baseUrls, keys } = simulator;
  switch (vendor) {
    case 'revor':
      return { provider: 'revor', apiKey: keys.revor[index] as string, baseUrl: baseUrls.revor };
    case 'outx':
      return { provider: 'outx', apiKey: keys.outx[index] as string, baseUrl: baseUrls.outx };
    case 'oration': {
      const key = keys.oration[index];
      return {
        provider: 'oration',
        apiKey: key?.apiKey as string,
        workspaceSlug: key?.workspaceSlug as string,
        baseUrl: baseUrls.oration,
      };
    }
    case 'revkeen':
      return { provider: 'revkeen', apiKey: keys.revkeen[index] as string, baseUrl: baseUrls.revkeen };
  }
}

/** Every key the simulator accepts, to check that none leaks. */
export function allKeys(simulator: RunningSimulator): string[] {
  const { keys } = simulator;
  return [...keys.revor, ...keys.outx, ...keys.oration.map((key) => key.apiKey), ...keys.revkeen];
}

/**
 * Poll bounds for a simulator running on a small `timeScale`: the vendors' own advice (seconds) would make every
 * test wait far longer than the simulated jobs take.
 */
export const FAST_POLL = {
  minDelayMs: 20,
  maxDelayMs: 200,
  initialDelayMs: 40,
  timeoutMs: 15_000,
} as const satisfies WaitOptions;

/** The simulator's id of a job: RevKeen jobs are `automationId/runId`, the simulator knows runs by run id. */
export function truthId(job: Pick<AsyncJob, 'provider' | 'id'>): string {
  return job.provider === 'revkeen' ? (job.id.split('/')[1] as string) : job.id;
}

/** The simulator's truth about a job the adapters returned. */
export function truthOf(simulator: RunningSimulator, job: Pick<AsyncJob, 'provider' | 'id'>): JobTruth {
  const truth = simulator.control.jobTruth(job.provider as SimulatedVendor, truthId(job));
  if (!truth) throw new Error(`The simulator does not know ${job.provider}:${job.id}`);
  return truth;
}

/** Asserts that a job a poller settled on is what really happened at the simulator. */
export function expectMatchesTruth(simulator: RunningSimulator, job: AsyncJob): void {
  const truth = truthOf(simulator, job);
  expect({ ref: job.ref, terminal: truth.terminal, outcome: truth.outcome }).toEqual({
    ref: job.ref,
    terminal: true,
    outcome: job.status,
  });
}

/** Unwraps an Ok in a test, failing with the error's kind and message otherwise. */
export function unwrap<T>(result: Result<T, AsyncJobError>): T {
  if (result.isErr()) throw new Error(`Expected Ok, got ${result.error.kind}: ${result.error.message}`);
  return result.value;
}

/** Unwraps an Err in a test, failing with the value otherwise. */
export function unwrapErr<T>(result: Result<T, AsyncJobError>): AsyncJobError {
  if (result.isOk()) throw new Error(`Expected Err, got Ok: ${JSON.stringify(result.value)}`);
  return result.error;
}

/** Asserts that no key appears anywhere in a value once serialized. */
export function expectNoSecret(value: unknown, secrets: readonly string[]): void {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  for (const secret of secrets) expect(text).not.toContain(secret);
}

/** A promise that resolves after `ms` on a real timer (used only to observe that nothing happens). */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
