import { err, ok, type Result } from 'neverthrow';
import { configError, type RequestError } from './async-job-error';
import { type ProviderConfig, parseProviderConfig } from './provider-config';

/** The environment, or any map of variable names to values. */
export type Environment = Readonly<Record<string, string | undefined>>;

const ENV_FIELDS = {
  revor: { apiKey: 'REVOR_API_KEY', baseUrl: 'REVOR_BASE_URL' },
  outx: { apiKey: 'OUTX_API_KEY', baseUrl: 'OUTX_BASE_URL' },
  oration: {
    apiKey: 'ORATION_API_KEY',
    baseUrl: 'ORATION_BASE_URL',
    token: 'ORATION_TOKEN',
    workspaceSlug: 'ORATION_WORKSPACE_SLUG',
    workspaceId: 'ORATION_WORKSPACE_ID',
  },
  revkeen: { apiKey: 'REVKEEN_API_KEY', baseUrl: 'REVKEEN_BASE_URL' },
} as const satisfies Record<string, Record<string, string>>;

/** The environment variable behind each config field, per provider. */
export const ENVIRONMENT_VARIABLES = ENV_FIELDS;

/**
 * Reads the providers configured in the environment: a provider counts as configured when any of its variables
 * is set, and must then be complete (a `config` error names the missing variable).
 */
export function configFromEnv(env: Environment): Result<ProviderConfig[], RequestError> {
  const configs: ProviderConfig[] = [];
  for (const [provider, fields] of Object.entries(ENV_FIELDS)) {
    const entries = Object.entries(fields)
      .map(([field, variable]) => [field, env[variable]?.trim()] as const)
      .filter((entry): entry is readonly [string, string] => entry[1] !== undefined && entry[1] !== '');
    if (entries.length === 0) continue;
    const parsed = parseProviderConfig({ provider, ...Object.fromEntries(entries) });
    if (parsed.isErr()) {
      const field = parsed.error.field?.split('.')[1] as keyof typeof fields | undefined;
      const variable = field && field in fields ? fields[field] : undefined;
      return err(
        variable
          ? configError(`${variable} ${describeProblem(parsed.error.message, provider)}`, variable, provider)
          : parsed.error,
      );
    }
    configs.push(parsed.value);
  }
  return ok(configs);
}

function describeProblem(message: string, provider: string): string {
  const withoutField = message.replace(/^\S+\s/, '');
  return `${withoutField.replace(/\.$/, '')} (needed to configure ${provider}).`;
}
