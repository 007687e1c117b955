import { configError, type ProviderConfig, type ProviderFactory } from '@asyncjob/core';
import { err } from 'neverthrow';
import type { RevorApiVersion } from './revor-api';
import { connectRevor, createRevor } from './revor-client';
import {
  DEFAULT_REVOR_BASE_URLS,
  parseRevorSettings,
  type RevorAuthScheme,
  type RevorSettings,
} from './revor-settings';

/**
 * Builds a Revor client from a registry config (`{ provider: 'revor', apiKey, … }`). Unlike `createRevor`, it
 * checks the key and base URL at once, so a bad config fails when the registry is built, not on the first poll.
 */
export const revorFactory: ProviderFactory = (config: ProviderConfig) => {
  if (config.provider !== 'revor') {
    return err(configError(`revorFactory cannot build a "${config.provider}" client.`, 'provider', 'revor'));
  }
  const { apiKey, baseUrl, timeoutMs, headers, fetch, createRetry } = config;
  // The registry validated these with core's Revor schema; parseRevorSettings checks them again.
  const { authScheme, apiVersion } = config as { authScheme?: RevorAuthScheme; apiVersion?: RevorApiVersion };
  // A registry config is complete: a missing base URL means the vendor's default, never REVOR_BASE_URL.
  const settings: RevorSettings = {
    apiKey,
    baseUrl: baseUrl ?? DEFAULT_REVOR_BASE_URLS[apiVersion ?? 'v1'],
    timeoutMs,
    headers,
    fetch,
    authScheme,
    apiVersion,
    createRetry,
  };
  return parseRevorSettings(settings)
    .andThen((parsed) => connectRevor(parsed))
    .map(() => createRevor(settings));
};
