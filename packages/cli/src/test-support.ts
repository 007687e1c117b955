import type { AsyncJob, JobTrackerOptions } from '@asyncjob/core';
import {
  type RunningSimulator,
  type SimulateDirective,
  type SimulatedVendor,
  type SimulatorOptions,
  startSimulator,
} from '@asyncjob/simulator';
import type { CliIo } from './cli-io';
import { createDemoClients } from './demo/demo-clients';
import { simulatorEnv } from './simulator-env';

/** An in-memory `CliIo` and what was written to it. */
export interface TestIo {
  readonly io: CliIo;
  stdout(): string;
  stderr(): string;
  /** The non-empty stdout lines. */
  stdoutLines(): string[];
  /** Everything written, stdout then stderr, to search for what must never be printed. */
  all(): string;
}

/** Creates an io that records stdout and stderr. */
export function createTestIo(options: Partial<CliIo> = {}): TestIo {
  let out = '';
  let err = '';
  const io: CliIo = {
    stdout: {
      write: (text: string) => {
        out += text;
      },
    },
    stderr: {
      write: (text: string) => {
        err += text;
      },
    },
    env: {},
    isTTY: false,
    ...options,
  };
  return {
    io,
    stdout: () => out,
    stderr: () => err,
    stdoutLines: () => out.split('\n').filter((line) => line !== ''),
    all: () => `${out}\n${err}`,
  };
}

/** A tight backoff so command tests do not wait seconds between checks. */
export const FAST_TRACKER: Partial<JobTrackerOptions> = {
  backoff: { minDelayMs: 20, initialDelayMs: 40, maxDelayMs: 120 },
  adaptive: false,
};

/** Starts a simulator on 127.0.0.1 for a test file, fast and seeded. */
export async function startTestSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const started = await startSimulator({ seed: 11, timeScale: 0.01, ...options });
  return started._unsafeUnwrap();
}

/** The environment that points the CLI at a simulator. */
export function envFor(simulator: RunningSimulator): Record<string, string> {
  return simulatorEnv(simulator);
}

/** `process.argv`-style arguments of `asyncjob …`. */
export function argv(...args: string[]): string[] {
  return ['node', 'asyncjob', ...args];
}

/** Simulator options for command tests: no random failures, no pacing, no rate limit; fates are forced per job. */
export const QUIET_SIMULATOR: SimulatorOptions = {
  revorPacing: false,
  rateLimits: { revor: null },
  outcomes: {
    revor: { failed: 0, cancelled: 0, retry: 0, skipped: 0 },
    outx: { failed: 0 },
    oration: { failed: 0, retry: 0 },
    revkeen: { failed: 0, cancelled: 0 },
  },
};

/** Creates one job at a vendor through its typed adapter, its fate forced when a directive is given. */
export async function createJob(
  simulator: RunningSimulator,
  vendor: SimulatedVendor,
  directive?: SimulateDirective,
): Promise<AsyncJob> {
  if (directive) simulator.control.planNextJob(vendor, directive);
  const clients = createDemoClients(envFor(simulator));
  const created = await (() => {
    switch (vendor) {
      case 'revor':
        return clients.revor.dispatch({
          channel: 'email',
          accountId: 'connect_account_k1_email',
          recipient: { address: 'ada@example.com' },
          content: { subject: 'Hello', text: 'Hi Ada' },
        });
      case 'outx':
        return clients.outx.fetchProfile({ profileSlug: 'williamhgates' });
      case 'oration':
        return clients.oration.createCustomerBatch({ customers: [{ identifier: 'cus_1', name: 'Ada' }] });
      case 'revkeen':
        return clients.revkeen.runAutomation((simulator.automations[0] as { id: string }).id);
    }
  })();
  return created._unsafeUnwrap();
}
