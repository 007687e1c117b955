import { configError, type ProviderFactory } from '@asyncjob/core';
import { err, ok } from 'neverthrow';
import { buildOrationClient, connectOration } from './oration-client';
import { resolveOrationSettings } from './oration-settings';

/**
 * Builds an Oration client from a registry config (`{ provider: 'oration', apiKey, workspaceSlug, … }`).
 * Unlike `createOration`, it validates at once and reads no environment variable: the config is the whole
 * truth (`configFromEnv` in core has already read the environment when that is where it came from).
 */
export const orationFactory: ProviderFactory = (config) => {
  if (config.provider !== 'oration') {
    return err(configError(`orationFactory got a "${config.provider}" config.`, 'provider', config.provider));
  }
  const fields = config as Record<string, unknown>;
  const settings = {
    apiKey: config.apiKey,
    baseUrl: config.baseUrl,
    timeoutMs: config.timeoutMs,
    headers: config.headers,
    fetch: config.fetch,
    token: fields.token,
    workspaceSlug: fields.workspaceSlug,
    workspaceId: fields.workspaceId,
  } as Parameters<typeof resolveOrationSettings>[0];
  return resolveOrationSettings(settings, {})
    .andThen(connectOration)
    .map((http) => buildOrationClient(() => ok(http)));
};
