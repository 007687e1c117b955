import {
  type AsyncJobError,
  configError,
  createJobRegistry,
  ENVIRONMENT_VARIABLES,
  type JobRegistry,
  type ProviderConfig,
  type ProviderFactories,
} from '@asyncjob/core';
import { orationFactory } from '@asyncjob/oration';
import { outxFactory } from '@asyncjob/outx';
import { revkeenFactory } from '@asyncjob/revkeen';
import { revorFactory } from '@asyncjob/revor';
import type { Result } from 'neverthrow';

/** The four adapters the command knows, by provider name. */
export const PROVIDER_FACTORIES: ProviderFactories = {
  revor: revorFactory,
  outx: outxFactory,
  oration: orationFactory,
  revkeen: revkeenFactory,
};

/** The providers that take an `Idempotency-Key` on create; the others ignore `--idempotency-key`. */
export const IDEMPOTENT_PROVIDERS: ReadonlySet<string> = new Set(['revor', 'revkeen']);

/** Builds the registry of the loaded configs; a bad config names its source. */
export function buildRegistry(
  configs: readonly ProviderConfig[],
  source: string,
): Result<JobRegistry, AsyncJobError> {
  return createJobRegistry({ factories: PROVIDER_FACTORIES, configs }).mapErr((error) =>
    error.kind === 'config' ? { ...error, message: `${error.message} (config from ${source})` } : error,
  );
}

/**
 * Adds how to configure a provider to a "not configured" error, e.g. "set REVOR_API_KEY (and REVOR_BASE_URL)
 * or pass --config <file.json>".
 */
export function withConfigHint(error: AsyncJobError): AsyncJobError {
  if (error.kind !== 'config' || error.field !== 'provider' || !/not configured/.test(error.message)) {
    return error;
  }
  const provider = error.provider ?? '';
  const variables = Object.hasOwn(ENVIRONMENT_VARIABLES, provider)
    ? ENVIRONMENT_VARIABLES[provider as keyof typeof ENVIRONMENT_VARIABLES]
    : undefined;
  const hint = variables
    ? `set ${variables.apiKey} (and ${variables.baseUrl}) or pass --config <file.json>`
    : 'pass --config <file.json> with its config';
  return configError(`${error.message.replace(/\.$/, '')}: ${hint}.`, 'provider', error.provider);
}
