import type { SimulatorOptions } from './simulator-options';
import { type RunningSimulator, startSimulator } from './start-simulator';

/** A clock a test moves by hand. */
export interface TestClock {
  readonly now: () => number;
  advance(ms: number): void;
}

/** The time every test starts at. */
export const TEST_START_MS = Date.parse('2026-05-20T10:00:00.000Z');

/** A manual clock starting at `TEST_START_MS`. */
export function createTestClock(startMs = TEST_START_MS): TestClock {
  let current = startMs;
  return {
    now: () => current,
    advance: (ms) => {
      current += ms;
    },
  };
}

/** A simulator on a free port with a manual clock, a fixed seed and no rate limits unless given. */
export async function startTestSimulator(
  options: SimulatorOptions = {},
): Promise<{ readonly simulator: RunningSimulator; readonly clock: TestClock }> {
  const clock = createTestClock();
  const result = await startSimulator({ seed: 42, now: clock.now, ...options });
  return { simulator: result._unsafeUnwrap(), clock };
}

/** A response with its body parsed as JSON when possible. */
export interface TestResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary vendor JSON.
  readonly body: any;
}

/** Sends one request; a plain object body is sent as JSON. */
export async function send(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: unknown } = {},
): Promise<TestResponse> {
  const hasBody = init.body !== undefined;
  const response = await fetch(url, {
    method: init.method ?? (hasBody ? 'POST' : 'GET'),
    headers: { ...(hasBody ? { 'content-type': 'application/json' } : {}), ...init.headers },
    body: hasBody ? (typeof init.body === 'string' ? init.body : JSON.stringify(init.body)) : undefined,
  });
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, text, body };
}
