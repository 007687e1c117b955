import { err, ok, type Result } from 'neverthrow';
import { z } from 'zod';
import { configError, type RequestError } from './async-job-error';

const headersSchema = z.record(z.string(), z.string());
const fetchSchema = z.custom<typeof globalThis.fetch>((value) => typeof value === 'function', {
  message: 'must be a fetch function',
});

/** The settings every adapter takes. */
const commonConfigShape = {
  /** The vendor API key. */
  apiKey: z.string().min(1, 'is required'),
  /** Overrides the vendor's base URL (the simulator's, a proxy's). */
  baseUrl: z.string().min(1).optional(),
  /** Timeout of one HTTP request. */
  timeoutMs: z.number().int().positive().max(2_147_483_647).optional(),
  /** Extra headers sent on every request. */
  headers: headersSchema.optional(),
  /** A fetch implementation (not expressible in JSON config files). */
  fetch: fetchSchema.optional(),
  /** How creates that carry an idempotency key are retried (see `CreateRetryOptions`). */
  createRetry: z
    .object({
      limit: z.number().int().min(0).max(10).optional(),
      delayMs: z.number().int().min(0).optional(),
      maxRetryAfterMs: z.number().int().min(0).optional(),
    })
    .optional(),
};

/** Revor: Bearer auth by default, `x-api-key` on request. */
export const revorConfigSchema = z.strictObject({
  provider: z.literal('revor'),
  ...commonConfigShape,
  authScheme: z.enum(['bearer', 'x-api-key']).optional(),
  apiVersion: z.enum(['v1', 'v2']).optional(),
});

/** OutX: `x-api-key`. */
export const outxConfigSchema = z.strictObject({ provider: z.literal('outx'), ...commonConfigShape });

/** Oration: `x-api-key`, a workspace slug or id, and an optional Bearer token. */
export const orationConfigSchema = z
  .strictObject({
    provider: z.literal('oration'),
    ...commonConfigShape,
    token: z.string().min(1).optional(),
    workspaceSlug: z.string().min(1).optional(),
    workspaceId: z.string().min(1).optional(),
  })
  .refine((config) => config.workspaceSlug !== undefined || config.workspaceId !== undefined, {
    message: 'workspaceSlug or workspaceId is required',
    path: ['workspaceSlug'],
  });

/** RevKeen: `x-api-key` (`rk_sandbox_…` or `rk_live_…`). */
export const revkeenConfigSchema = z.strictObject({
  provider: z.literal('revkeen'),
  ...commonConfigShape,
  /** Sent as `RevKeen-Version` to pin the API version. */
  apiVersion: z.string().min(1).optional(),
});

/** Any other adapter: the common settings plus whatever it reads itself. */
export const otherProviderConfigSchema = z.looseObject({
  provider: z.string().regex(/^[a-z][a-z0-9_-]*$/),
  ...commonConfigShape,
});

export type RevorConfig = z.infer<typeof revorConfigSchema>;
export type OutxConfig = z.infer<typeof outxConfigSchema>;
export type OrationConfig = z.infer<typeof orationConfigSchema>;
export type RevkeenConfig = z.infer<typeof revkeenConfigSchema>;
export type OtherProviderConfig = z.infer<typeof otherProviderConfigSchema>;

/** The config of one provider, discriminated by `provider`. */
export type ProviderConfig = RevorConfig | OutxConfig | OrationConfig | RevkeenConfig | OtherProviderConfig;

const knownSchemas = {
  revor: revorConfigSchema,
  outx: outxConfigSchema,
  oration: orationConfigSchema,
  revkeen: revkeenConfigSchema,
} as const;

/** Validates a provider config; the error names the first bad field, e.g. `oration.workspaceSlug`. */
export function parseProviderConfig(input: unknown): Result<ProviderConfig, RequestError> {
  const provider =
    typeof input === 'object' && input !== null ? (input as { provider?: unknown }).provider : undefined;
  if (typeof provider !== 'string') return err(configError('config.provider is required.', 'provider'));
  const schema: z.ZodType<ProviderConfig> = Object.hasOwn(knownSchemas, provider)
    ? knownSchemas[provider as keyof typeof knownSchemas]
    : otherProviderConfigSchema;
  const parsed = schema.safeParse(input);
  if (parsed.success) return ok(parsed.data);
  const issue = parsed.error.issues[0];
  const path = issue?.path.map(String).join('.') || 'provider';
  const field = `${provider}.${path}`;
  const missing = issue?.code === 'invalid_type' && valueAt(input, issue.path) === undefined;
  const problem = missing ? 'is required' : (issue?.message ?? 'is invalid');
  return err(configError(`${field} ${problem}.`, field, provider));
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}
