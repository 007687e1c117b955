import { configError, type Environment, type RequestError } from '@asyncjob/core';
import type { CreateRetryOptions } from '@asyncjob/core/http';
import { err, ok, type Result } from 'neverthrow';
import { z } from 'zod';

/** Oration's documented base URL (https://docs.oration.ai/api-reference/endpoint/jobs/get). */
export const DEFAULT_ORATION_BASE_URL = 'https://www.oration.ai/api/v2';

/** The timeout of one HTTP request when `timeoutMs` is not set. */
export const DEFAULT_ORATION_TIMEOUT_MS = 30_000;

/** The environment variable behind each setting that has one (the names are fixed in the contract). */
export const ORATION_ENVIRONMENT_VARIABLES = {
  apiKey: 'ORATION_API_KEY',
  token: 'ORATION_TOKEN',
  workspaceSlug: 'ORATION_WORKSPACE_SLUG',
  workspaceId: 'ORATION_WORKSPACE_ID',
  baseUrl: 'ORATION_BASE_URL',
} as const;

/**
 * Settings of the Oration adapter. Every field is optional here: the ones with an environment variable fall back
 * to it, read on the first request (not at import), and a missing required value makes each call return a
 * `config` error naming the field.
 */
export interface OrationSettings {
  /**
   * The workspace API key, sent as `x-api-key`. Never appears in an error or in `raw`.
   * @default process.env.ORATION_API_KEY
   */
  readonly apiKey?: string;
  /**
   * A Bearer token of an Oration user or service account, sent as `Authorization: Bearer …` when given. The jobs
   * page marks it required, the conversation examples leave it out: send it if you have one.
   * @default process.env.ORATION_TOKEN
   */
  readonly token?: string;
  /**
   * The workspace slug, sent as `x-workspace-slug`. One of `workspaceSlug` and `workspaceId` is required.
   * @default process.env.ORATION_WORKSPACE_SLUG
   */
  readonly workspaceSlug?: string;
  /**
   * The workspace UUID, sent as `x-workspace-id`. One of `workspaceSlug` and `workspaceId` is required.
   * @default process.env.ORATION_WORKSPACE_ID
   */
  readonly workspaceId?: string;
  /**
   * The API's base URL, e.g. a simulator's. `http://` is accepted only for loopback hosts.
   * @default process.env.ORATION_BASE_URL ?? 'https://www.oration.ai/api/v2'
   */
  readonly baseUrl?: string;
  /**
   * Extra headers sent on every request. The auth and workspace headers above take precedence.
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
   * Passed to the shared HTTP client. Oration takes no idempotency key, so its creates are never retried
   * automatically and this has no effect on them today.
   * @default { limit: 2, delayMs: 300, maxRetryAfterMs: 30000 }
   */
  readonly createRetry?: CreateRetryOptions;
}

const headersSchema = z.record(z.string(), z.string({ error: 'must map header names to strings' }));
const fetchSchema = z.custom<typeof globalThis.fetch>((value) => typeof value === 'function', {
  message: 'must be a fetch function',
});
// Sent as header values: a space, control or non-ASCII character would make fetch throw with the value in its message.
const HEADER_VALUE_PATTERN = /^[\x21-\x7e]+$/;
const HEADER_VALUE_MESSAGE = 'must be printable ASCII without spaces';
const headerValue = (missing: string) =>
  z.string({ error: missing }).min(1, 'must not be empty').regex(HEADER_VALUE_PATTERN, HEADER_VALUE_MESSAGE);
const createRetrySchema = z.object({
  limit: z.number().int().min(0).optional(),
  delayMs: z.number().int().min(0).optional(),
  maxRetryAfterMs: z.number().int().min(0).optional(),
});

/** The settings once defaults and environment fallbacks are applied. */
const resolvedSettingsSchema = z
  .object({
    apiKey: headerValue('is required'),
    token: headerValue('must be a string').optional(),
    workspaceSlug: headerValue('must be a string').optional(),
    workspaceId: headerValue('must be a string').optional(),
    baseUrl: z.string({ error: 'must be a string' }).min(1, 'must not be empty'),
    headers: headersSchema,
    fetch: fetchSchema.optional(),
    timeoutMs: z.number({ error: 'must be a number' }).int().positive().max(2_147_483_647),
    createRetry: createRetrySchema.optional(),
  })
  .refine((settings) => settings.workspaceSlug !== undefined || settings.workspaceId !== undefined, {
    message: 'or oration.workspaceId is required',
    path: ['workspaceSlug'],
  });

/** Settings after validation: what the client is built from. */
export type ResolvedOrationSettings = z.output<typeof resolvedSettingsSchema>;

/**
 * Applies environment fallbacks and defaults, then validates. The error is a `config` error whose `field` names
 * the setting (`oration.apiKey`, `oration.workspaceSlug` …) and whose message names its variable.
 */
export function resolveOrationSettings(
  settings: OrationSettings,
  env: Environment,
): Result<ResolvedOrationSettings, RequestError> {
  const fromEnv = (name: keyof typeof ORATION_ENVIRONMENT_VARIABLES) => {
    const value = env[ORATION_ENVIRONMENT_VARIABLES[name]]?.trim();
    return value === '' ? undefined : value;
  };
  const parsed = resolvedSettingsSchema.safeParse({
    apiKey: settings.apiKey ?? fromEnv('apiKey'),
    token: settings.token ?? fromEnv('token'),
    workspaceSlug: settings.workspaceSlug ?? fromEnv('workspaceSlug'),
    workspaceId: settings.workspaceId ?? fromEnv('workspaceId'),
    baseUrl: settings.baseUrl ?? fromEnv('baseUrl') ?? DEFAULT_ORATION_BASE_URL,
    headers: settings.headers ?? {},
    fetch: settings.fetch,
    timeoutMs: settings.timeoutMs ?? DEFAULT_ORATION_TIMEOUT_MS,
    createRetry: settings.createRetry,
  });
  if (parsed.success) return ok(parsed.data);
  const issue = parsed.error.issues[0];
  const name = String(issue?.path[0] ?? 'settings');
  const field = `oration.${issue?.path.map(String).join('.') || name}`;
  const variable =
    name === 'workspaceSlug'
      ? 'ORATION_WORKSPACE_SLUG or ORATION_WORKSPACE_ID'
      : ORATION_ENVIRONMENT_VARIABLES[name as keyof typeof ORATION_ENVIRONMENT_VARIABLES];
  const hint = variable ? ` (pass it in the settings or set ${variable})` : '';
  return err(configError(`${field} ${issue?.message ?? 'is invalid'}${hint}.`, field, 'oration'));
}
