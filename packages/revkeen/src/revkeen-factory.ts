import { type AsyncJobClient, type AsyncJobError, configError, type ProviderFactory } from '@asyncjob/core';
import { err, ok, type Result } from 'neverthrow';
import { buildRevkeenClient } from './revkeen-client';
import { openRevkeenConnection, resolveRevkeenSettings } from './revkeen-settings';

/**
 * Builds a RevKeen client from a registry config (`{ provider: 'revkeen', apiKey, baseUrl?, … }`). Unlike
 * `createRevkeen`, it checks everything at once and reads no environment variable: the config is complete
 * (`configFromEnv` already read the environment), and a bad one is an `Err` of kind `config`.
 */
export const revkeenFactory: ProviderFactory = (config): Result<AsyncJobClient, AsyncJobError> => {
  if (config.provider !== 'revkeen') {
    return err(
      configError(`revkeenFactory cannot build a "${config.provider}" client.`, 'provider', config.provider),
    );
  }
  const { apiKey, baseUrl, headers, fetch, timeoutMs, createRetry } = config;
  const apiVersion = 'apiVersion' in config ? config.apiVersion : undefined;
  const settings = Object.fromEntries(
    Object.entries({ apiKey, baseUrl, headers, fetch, timeoutMs, createRetry, apiVersion }).filter(
      ([, value]) => value !== undefined,
    ),
  );
  return resolveRevkeenSettings(settings, undefined)
    .andThen(openRevkeenConnection)
    .map((connection) => buildRevkeenClient(() => ok(connection)));
};
