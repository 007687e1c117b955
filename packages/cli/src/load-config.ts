import { readFileSync } from 'node:fs';
import {
  configError,
  configFromEnv,
  type Environment,
  type ProviderConfig,
  parseProviderConfig,
  type RequestError,
} from '@asyncjob/core';
import { err, ok, type Result } from 'neverthrow';
import { z } from 'zod';

/** Provider configs and where they came from, for messages. */
export interface LoadedConfig {
  readonly configs: readonly ProviderConfig[];
  /** `the environment`, or the file's path. */
  readonly source: string;
}

const configFileSchema = z.union([
  z.array(z.unknown()),
  z.object({ providers: z.array(z.unknown()) }).loose(),
]);

/** The config of a run: `--config <file.json>` when given, else the environment (`REVOR_API_KEY` …). */
export function loadConfig(env: Environment, configPath?: string): Result<LoadedConfig, RequestError> {
  if (configPath === undefined) {
    return configFromEnv(env).map((configs) => ({ configs, source: 'the environment' }));
  }
  return readConfigFile(configPath);
}

/**
 * Reads a JSON file holding an array of provider configs, or `{ "providers": [...] }`. Errors name the file and
 * the entry and field at fault; they quote no value, so a key in the file is never echoed.
 */
export function readConfigFile(path: string): Result<LoadedConfig, RequestError> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    return err(configError(`Cannot read the config file ${path} (${code}).`, 'config'));
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return err(configError(`${path} is not valid JSON: ${(error as Error).message}`, 'config'));
  }
  const shape = configFileSchema.safeParse(json);
  if (!shape.success) {
    return err(
      configError(
        `${path} must hold a JSON array of provider configs or an object with a "providers" array.`,
        'providers',
      ),
    );
  }
  const entries = Array.isArray(shape.data) ? shape.data : shape.data.providers;
  const configs: ProviderConfig[] = [];
  for (const [index, entry] of entries.entries()) {
    const parsed = parseProviderConfig(entry);
    if (parsed.isErr()) {
      const field = `providers[${index}].${parsed.error.field ?? 'provider'}`;
      return err(configError(`${path}: providers[${index}]: ${parsed.error.message}`, field));
    }
    configs.push(parsed.value);
  }
  return ok({ configs, source: path });
}

const SENSITIVE_HEADERS = new Set(['authorization', 'x-api-key', 'cookie', 'proxy-authorization']);

/** Every credential in the configs: printed output blanks these out, whatever carries them. */
export function configSecrets(configs: readonly ProviderConfig[]): string[] {
  return configs.flatMap((config) => {
    const token = (config as { token?: unknown }).token;
    const headers = Object.entries(config.headers ?? {})
      .filter(([name]) => SENSITIVE_HEADERS.has(name.toLowerCase()))
      .map(([, value]) => value);
    return [config.apiKey, ...(typeof token === 'string' ? [token] : []), ...headers];
  });
}
