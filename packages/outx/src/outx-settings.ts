import { configError, type RequestError } from '@asyncjob/core';
import type { CreateRetryOptions } from '@asyncjob/core/http';
import { err, ok, type Result } from 'neverthrow';
import { z } from 'zod';

/** The LinkedIn Data API's base, from https://docs.outx.ai/linkedin-api/get-task-status. */
export const OUTX_DEFAULT_BASE_URL = 'https://api.outx.ai/linkedin-agent';

/** The environment variable read when `apiKey` is not set. */
export const OUTX_API_KEY_VARIABLE = 'OUTX_API_KEY';

/** The environment variable read when `baseUrl` is not set. */
export const OUTX_BASE_URL_VARIABLE = 'OUTX_BASE_URL';

/** The timeout of one HTTP request. */
export const OUTX_DEFAULT_TIMEOUT_MS = 30_000;

/** The settings of `createOutx`. Every field is optional. */
export interface OutxSettings {
  /**
   * The team API key, sent as `x-api-key`. It is shared by every member of the OutX team.
   * @default process.env.OUTX_API_KEY, read on the first request (not when the client is created)
   */
  readonly apiKey?: string;
  /**
   * The base URL of the LinkedIn Data API (the simulator's, a proxy's). `http://` is accepted for loopback hosts only.
   * @default process.env.OUTX_BASE_URL, else 'https://api.outx.ai/linkedin-agent'
   */
  readonly baseUrl?: string;
  /**
   * Extra headers sent on every request. An `x-api-key` entry here is ignored: use `apiKey`.
   * @default {}
   */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * A fetch implementation, e.g. for a proxy or tests.
   * @default globalThis.fetch
   */
  readonly fetch?: typeof globalThis.fetch;
  /**
   * The timeout of one HTTP request, in milliseconds.
   * @default 30000
   */
  readonly timeoutMs?: number;
  /**
   * Passed through to the shared HTTP client. OutX takes no idempotency key, so its creates are never retried
   * automatically (a retry could send a second message or invitation) and these options have no effect today.
   * @default { limit: 2, delayMs: 300, maxRetryAfterMs: 30000 }
   */
  readonly createRetry?: CreateRetryOptions;
}

/** Settings after validation, with the key and base URL resolved. */
export interface ResolvedOutxSettings {
  readonly apiKey: string;
  readonly baseUrl: string;
  /** Where the base URL came from, for error messages. */
  readonly baseUrlField: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly fetch?: typeof globalThis.fetch;
  readonly timeoutMs: number;
  readonly createRetry?: CreateRetryOptions;
}

/** Environment variables, or any map of names to values. */
export type OutxEnvironment = Readonly<Record<string, string | undefined>>;

const optionalCount = z.number().int().nonnegative().optional();

/** The shape of `OutxSettings`; unknown fields are refused so that a typo is not silently ignored. */
export const outxSettingsSchema = z.strictObject({
  apiKey: z.string().trim().min(1, 'must not be empty').optional(),
  baseUrl: z.string().trim().min(1, 'must not be empty').optional(),
  headers: z.record(z.string(), z.string()).optional(),
  fetch: z
    .custom<typeof globalThis.fetch>((value) => typeof value === 'function', 'must be a fetch function')
    .optional(),
  timeoutMs: z.number().int().positive().max(2_147_483_647).optional(),
  createRetry: z
    .strictObject({ limit: optionalCount, delayMs: optionalCount, maxRetryAfterMs: optionalCount })
    .optional(),
});

/**
 * Validates settings without reading the environment, so that it can run when the client is created.
 * The error names the first bad field, e.g. `outx.timeoutMs`.
 */
export function parseOutxSettings(settings: unknown): Result<OutxSettings, RequestError> {
  const parsed = outxSettingsSchema.safeParse(settings ?? {});
  if (parsed.success) return ok(parsed.data);
  const issue = parsed.error.issues[0];
  const keys = issue?.code === 'unrecognized_keys' ? issue.keys : [];
  const path = [...(issue?.path ?? []), ...keys.slice(0, 1)].map(String).join('.');
  const field = path ? `outx.${path}` : 'outx';
  const problem = issue?.code === 'unrecognized_keys' ? 'is not a setting' : (issue?.message ?? 'is invalid');
  return err(configError(`${field} ${problem}.`, field, 'outx'));
}

/**
 * Fills in the key and base URL from the environment and the defaults. Called on the first request, so that
 * importing or creating a client never reads the environment.
 */
export function resolveOutxSettings(
  settings: OutxSettings,
  environment: OutxEnvironment,
): Result<ResolvedOutxSettings, RequestError> {
  const apiKey = settings.apiKey ?? environment[OUTX_API_KEY_VARIABLE]?.trim();
  if (!apiKey) {
    return err(
      configError(
        `outx.apiKey is missing: pass apiKey or set ${OUTX_API_KEY_VARIABLE}.`,
        'outx.apiKey',
        'outx',
      ),
    );
  }
  const baseUrlFromEnvironment = environment[OUTX_BASE_URL_VARIABLE]?.trim();
  const baseUrl = settings.baseUrl ?? (baseUrlFromEnvironment || OUTX_DEFAULT_BASE_URL);
  return ok({
    apiKey,
    baseUrl,
    baseUrlField: settings.baseUrl || !baseUrlFromEnvironment ? 'outx.baseUrl' : OUTX_BASE_URL_VARIABLE,
    headers: withoutKeyHeader(settings.headers ?? {}),
    timeoutMs: settings.timeoutMs ?? OUTX_DEFAULT_TIMEOUT_MS,
    ...(settings.fetch ? { fetch: settings.fetch } : {}),
    ...(settings.createRetry ? { createRetry: settings.createRetry } : {}),
  });
}

// Headers are case-insensitive: a custom `X-Api-Key` next to ours would be joined into one "a, b" value.
function withoutKeyHeader(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => name.toLowerCase() !== 'x-api-key'));
}
