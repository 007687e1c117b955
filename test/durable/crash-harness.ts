// Helpers of the crash test: child processes that track jobs against the simulator, and their handler log.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ENVIRONMENT_VARIABLES } from '@asyncjob/core';
import type { RunningSimulator } from '@asyncjob/simulator';

const CHILD = fileURLToPath(new URL('./crash-child.ts', import.meta.url));

/** The environment a deployment would set to reach the four vendors, here pointed at the simulator. */
export function vendorEnvironment(simulator: RunningSimulator): Record<string, string> {
  const { baseUrls, keys } = simulator;
  const oration = keys.oration[0];
  return {
    REVOR_API_KEY: keys.revor[0] ?? '',
    REVOR_BASE_URL: baseUrls.revor,
    OUTX_API_KEY: keys.outx[0] ?? '',
    OUTX_BASE_URL: baseUrls.outx,
    ORATION_API_KEY: oration?.apiKey ?? '',
    ORATION_WORKSPACE_SLUG: oration?.workspaceSlug ?? '',
    ORATION_BASE_URL: baseUrls.oration,
    REVKEEN_API_KEY: keys.revkeen[0] ?? '',
    REVKEEN_BASE_URL: baseUrls.revkeen,
  };
}

/** A line a child printed on stdout. */
export type ChildMessage =
  | { type: 'created'; ref: string }
  | { type: 'all_created'; count: number }
  | { type: 'resumed'; count: number }
  | { type: 'drained'; summary: Record<string, number>; requests: number }
  | { type: 'store_error'; ref: string; kind: string }
  | { type: 'fatal'; stage: string; kind: string; message: string };

/** A running child and everything it printed so far. */
export interface TrackingChild {
  readonly process: ChildProcess;
  readonly messages: ChildMessage[];
  /** Everything it printed, stdout and stderr, to check that no key leaks. */
  output(): string;
  /** Resolves with the exit code and signal once the child has exited. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts one tracking process; `mode` create makes `jobs` jobs, resume continues the store's unsettled ones. */
export function startTrackingChild(options: {
  readonly mode: 'create' | 'resume';
  readonly name: string;
  readonly simulator: RunningSimulator;
  readonly storePath: string;
  readonly logPath: string;
  readonly jobs?: number;
}): TrackingChild {
  const inherited = { ...process.env };
  for (const variables of Object.values(ENVIRONMENT_VARIABLES)) {
    for (const variable of Object.values(variables)) delete inherited[variable];
  }
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    env: {
      ...inherited,
      ...vendorEnvironment(options.simulator),
      DURABLE_MODE: options.mode,
      DURABLE_PROCESS: options.name,
      DURABLE_STORE: options.storePath,
      DURABLE_LOG: options.logPath,
      DURABLE_JOBS: String(options.jobs ?? 0),
      DURABLE_REVKEEN_AUTOMATION: options.simulator.automations[0]?.id ?? '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const messages: ChildMessage[] = [];
  let output = '';
  let pending = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    const text = chunk.toString();
    output += text;
    pending += text;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) messages.push(JSON.parse(line) as ChildMessage);
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
  return { process: child, messages, output: () => output, exited };
}

/** One settle-handler call, as a child logged it. */
export interface HandlerLine {
  readonly process: string;
  readonly ref: string;
  readonly status?: string;
  readonly error?: string;
}

/** The handler log so far; a line cut short by a kill is kept apart, not parsed. */
export function readHandlerLog(path: string): { lines: HandlerLine[]; torn: string[] } {
  if (!existsSync(path)) return { lines: [], torn: [] };
  const lines: HandlerLine[] = [];
  const torn: string[] = [];
  for (const text of readFileSync(path, 'utf8').split('\n')) {
    if (!text) continue;
    try {
      lines.push(JSON.parse(text) as HandlerLine);
    } catch {
      torn.push(text);
    }
  }
  return { lines, torn };
}

/** Polls `check` every 20 ms until it is true; fails after `timeoutMs` with `what`. */
export async function waitFor(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const startedAt = Date.now();
  while (!check()) {
    if (Date.now() - startedAt > timeoutMs)
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
