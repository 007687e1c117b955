import { configError, type RequestError } from '@asyncjob/core';
import { type CreateRetryOptions, createHttpClient, type HttpClient } from '@asyncjob/core/http';
import { err, ok, type Result } from 'neverthrow';
import { z } from 'zod';
import { createRevkeenErrorReader } from './revkeen-error';

/** RevKeen's production API; staging is `https://staging-api.revkeen.com/v2` (https://docs.revkeen.com/docs/developers/api-overview). */
export const REVKEEN_DEFAULT_BASE_URL = 'https://api.revkeen.com/v2';

/** Timeout of one HTTP request when the settings give none. */
export const REVKEEN_DEFAULT_TIMEOUT_MS = 30_000;

/** The environment variables the settings fall back to. */
export const REVKEEN_ENVIRONMENT_VARIABLES = {
  apiKey: 'REVKEEN_API_KEY',
  baseUrl: 'REVKEEN_BASE_URL',
} as const;

/** Settings of `createRevkeen`. Every field is optional; a bad value makes every call fail with a `config` error. */
export interface RevkeenSettings {
  /**
   * The API key, sent as `x-api-key`. `rk_sandbox_…` keys talk to test mode and `rk_live_…` keys to production;
   * other forms are sent as they are.
   * @default process.env.REVKEEN_API_KEY, read on the first request
   */
  readonly apiKey?: string;
  /**
   * The API base, e.g. a simulator's or a proxy's. `http://` is accepted only for loopback hosts.
   * @default process.env.REVKEEN_BASE_URL, else 'https://api.revkeen.com/v2'
   */
  readonly baseUrl?: string;
  /**
   * Extra headers sent on every request. They cannot replace the `x-api-key` header.
   * @default {}
   */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * A fetch implementation, e.g. for a proxy or tests.
   * @default globalThis.fetch
   */
  readonly fetch?: typeof globalThis.fetch;
  /**
   * Timeout of one HTTP request.
   * @default 30000
   */
  readonly timeoutMs?: number;
  /**
   * How creates and approval decisions, which carry an `Idempotency-Key`, are retried (lookups never are: the poller owns waiting).
   * @default { limit: 2, delayMs: 300, maxRetryAfterMs: 30000 }
   */
  readonly createRetry?: CreateRetryOptions;
  /**
   * Sent as the `RevKeen-Version` header to pin the API version (e.g. `2026-05-01`).
   * @default undefined (not sent: the account's default version applies)
   */
  readonly apiVersion?: string;
}

/** Which RevKeen environment a key belongs to, read from its prefix. OAuth tokens and other forms are `unknown`. */
export type RevkeenMode = 'sandbox' | 'live' | 'unknown';

/** Settings with every default applied and the API key in hand. */
export interface ResolvedRevkeenSettings {
  readonly apiKey: string;
  readonly baseUrl: string;
  /** The setting or variable the base URL came from, for error messages. */
  readonly baseUrlField: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly fetch?: typeof globalThis.fetch;
  readonly timeoutMs: number;
  readonly createRetry?: CreateRetryOptions;
  readonly apiVersion?: string;
  readonly mode: RevkeenMode;
}

/** The environment: a map of variable names to values. */
export type RevkeenEnvironment = Readonly<Record<string, string | undefined>>;

const revkeenSettingsSchema = z.strictObject({
  apiKey: z.string().optional(),
  baseUrl: z.string().min(1, 'must not be empty').optional(),
  headers: z.record(z.string(), z.string()).optional(),
  fetch: z
    .custom<typeof globalThis.fetch>((value) => typeof value === 'function', {
      message: 'must be a function',
    })
    .optional(),
  timeoutMs: z.number().int().positive().max(2_147_483_647).optional(),
  createRetry: z
    .strictObject({
      limit: z.number().int().min(0).max(10).optional(),
      delayMs: z.number().int().min(0).optional(),
      maxRetryAfterMs: z.number().int().min(0).optional(),
    })
    .optional(),
  apiVersion: z.string().min(1, 'must not be empty').optional(),
});

/** Tells sandbox and live keys apart by their documented prefixes. */
export function revkeenModeOf(apiKey: string | undefined): RevkeenMode {
  if (apiKey?.startsWith('rk_sandbox_')) return 'sandbox';
  if (apiKey?.startsWith('rk_live_')) return 'live';
  return 'unknown';
}

/**
 * Validates the settings and applies the defaults. `env` is where the key and base URL fall back to; pass
 * undefined for none (the factory's config must be complete). The error names the field at fault, never its value.
 */
export function resolveRevkeenSettings(
  settings: unknown,
  env: RevkeenEnvironment | undefined,
): Result<ResolvedRevkeenSettings, RequestError> {
  const parsed = revkeenSettingsSchema.safeParse(settings ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.map(String).join('.') || (issue?.code === 'unrecognized_keys' ? '' : 'settings');
    const keys = issue?.code === 'unrecognized_keys' ? issue.keys.join(', ') : '';
    const field = `revkeen.${path || keys}`;
    const problem = keys ? 'is not a known setting' : (issue?.message ?? 'is invalid');
    return err(configError(`${field} ${problem}.`, field, 'revkeen'));
  }
  const values = parsed.data;
  const apiKey = values.apiKey ?? readVariable(env, REVKEEN_ENVIRONMENT_VARIABLES.apiKey);
  const apiKeyField =
    values.apiKey === undefined && env ? REVKEEN_ENVIRONMENT_VARIABLES.apiKey : 'revkeen.apiKey';
  if (apiKey === undefined || apiKey.trim() === '') {
    const hint = env ? `: pass apiKey or set ${REVKEEN_ENVIRONMENT_VARIABLES.apiKey}` : '';
    return err(configError(`revkeen.apiKey is required${hint}.`, 'revkeen.apiKey', 'revkeen'));
  }
  // A key with whitespace or control characters is a copy-paste slip; fetch would reject the header and quote it.
  if (/[\s\p{Cc}]/u.test(apiKey)) {
    return err(
      configError(`${apiKeyField} contains whitespace or control characters.`, apiKeyField, 'revkeen'),
    );
  }
  const envBaseUrl = readVariable(env, REVKEEN_ENVIRONMENT_VARIABLES.baseUrl);
  const baseUrlField =
    values.baseUrl === undefined && envBaseUrl !== undefined
      ? REVKEEN_ENVIRONMENT_VARIABLES.baseUrl
      : 'revkeen.baseUrl';
  return ok({
    apiKey,
    baseUrl: values.baseUrl ?? envBaseUrl ?? REVKEEN_DEFAULT_BASE_URL,
    baseUrlField,
    headers: values.headers ?? {},
    timeoutMs: values.timeoutMs ?? REVKEEN_DEFAULT_TIMEOUT_MS,
    mode: revkeenModeOf(apiKey),
    ...(values.fetch ? { fetch: values.fetch } : {}),
    ...(values.createRetry ? { createRetry: values.createRetry } : {}),
    ...(values.apiVersion ? { apiVersion: values.apiVersion } : {}),
  });
}

function readVariable(env: RevkeenEnvironment | undefined, name: string): string | undefined {
  const value = env?.[name]?.trim();
  return value ? value : undefined;
}

/** What a client needs once its settings are valid. */
export interface RevkeenConnection {
  readonly http: HttpClient;
  readonly mode: RevkeenMode;
}

// Headers whose values are credentials too: kept out of errors like the key.
const SENSITIVE_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'x-api-key']);

/** Builds the HTTP client of valid settings; a malformed or insecure base URL is a `config` error. */
export function openRevkeenConnection(
  settings: ResolvedRevkeenSettings,
): Result<RevkeenConnection, RequestError> {
  const custom = Object.entries(settings.headers);
  // The key always travels as `x-api-key` (the overview warns against `Authorization: Bearer` with an API key).
  const headers: Record<string, string> = {
    ...Object.fromEntries(custom.filter(([name]) => name.toLowerCase() !== 'x-api-key')),
    'x-api-key': settings.apiKey,
    ...(settings.apiVersion ? { 'revkeen-version': settings.apiVersion } : {}),
  };
  const secrets = [
    settings.apiKey,
    ...custom.filter(([name]) => SENSITIVE_HEADERS.has(name.toLowerCase())).map(([, value]) => value),
  ];
  return createHttpClient({
    provider: 'revkeen',
    baseUrl: settings.baseUrl,
    baseUrlField: settings.baseUrlField,
    headers,
    secrets,
    timeoutMs: settings.timeoutMs,
    readError: createRevkeenErrorReader(secrets),
    ...(settings.fetch ? { fetch: settings.fetch } : {}),
    ...(settings.createRetry ? { createRetry: settings.createRetry } : {}),
  }).map((http) => ({ http, mode: settings.mode }));
}
