import { type AsyncJobClient, type AsyncJobError, configError, type ProviderFactory } from '@asyncjob/core';
import { err, ok, type Result } from 'neverthrow';
import { connectOutx, createOutxClient } from './outx-client';
import { parseOutxSettings, resolveOutxSettings } from './outx-settings';

/**
 * Builds an OutX client from a registry config (`{ provider: 'outx', apiKey, baseUrl?, … }`). Unlike `createOutx`,
 * it checks everything up front (key, base URL, settings) and returns `Err(config)` rather than a client that fails
 * on its first call, so that a registry reports a bad config when it starts.
 */
export const outxFactory: ProviderFactory = (config): Result<AsyncJobClient, AsyncJobError> => {
  if (config.provider !== 'outx') {
    return err(configError(`outxFactory got a config for "${config.provider}".`, 'provider', 'outx'));
  }
  const { apiKey, baseUrl, headers, timeoutMs, fetch } = config;
  const settings = {
    apiKey,
    ...(baseUrl !== undefined ? { baseUrl } : {}),
    ...(headers !== undefined ? { headers } : {}),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    ...(fetch !== undefined ? { fetch } : {}),
  };
  // A registry config is complete by itself: the environment was already read by `configFromEnv`, if at all.
  return parseOutxSettings(settings)
    .andThen((valid) => resolveOutxSettings(valid, {}))
    .andThen(connectOutx)
    .map((http) => createOutxClient(() => ok(http)));
};
