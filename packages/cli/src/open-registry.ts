import {
  type AsyncJobError,
  ENVIRONMENT_VARIABLES,
  type Environment,
  type JobRegistry,
} from '@asyncjob/core';
import type { Result } from 'neverthrow';
import { configSecrets, loadConfig } from './load-config';
import type { Output } from './output';
import { buildRegistry } from './registry';

/**
 * Loads the config (`--config` file or environment), registers its credentials with the output so that they are
 * never printed, and builds the registry.
 */
export function openRegistry(
  env: Environment,
  output: Output,
  configPath: string | undefined,
): Result<JobRegistry, AsyncJobError> {
  // Blanked out before anything can fail, whichever source the config comes from.
  output.addSecrets(credentialVariables(env));
  return loadConfig(env, configPath)
    .andTee((loaded) => output.addSecrets(configSecrets(loaded.configs)))
    .andThen((loaded) => buildRegistry(loaded.configs, loaded.source));
}

/** The values of the environment's credential variables (`*_API_KEY`, `ORATION_TOKEN`). */
export function credentialVariables(env: Environment): (string | undefined)[] {
  return Object.values(ENVIRONMENT_VARIABLES).flatMap((variables) =>
    Object.entries(variables)
      .filter(([field]) => field === 'apiKey' || field === 'token')
      .map(([, variable]) => env[variable]?.trim()),
  );
}
