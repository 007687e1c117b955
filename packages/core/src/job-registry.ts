import { err, errAsync, ok, type Result, type ResultAsync } from 'neverthrow';
import type { AsyncJob, ProviderName } from './async-job';
import type { AsyncJobClient, RequestOptions } from './async-job-client';
import { type AsyncJobError, configError, type RequestError } from './async-job-error';
import { parseJobRef } from './job-ref';
import { type ProviderConfig, parseProviderConfig } from './provider-config';

/**
 * Builds a client from a validated config. Each adapter package exports one (`revorFactory` …), so core never
 * imports a vendor package: the caller hands the factories in.
 */
export type ProviderFactory = (config: ProviderConfig) => Result<AsyncJobClient, AsyncJobError>;

/** Factories by provider name, e.g. `{ revor: revorFactory, outx: outxFactory }`. */
export type ProviderFactories = Readonly<Record<string, ProviderFactory>>;

/** A ref resolved to the client that serves it. */
export interface ResolvedRef {
  readonly ref: string;
  readonly provider: ProviderName;
  readonly id: string;
  readonly client: AsyncJobClient;
}

/** Several configured clients, found by provider name or by ref. */
export interface JobRegistry {
  /** The configured providers. */
  readonly providers: readonly ProviderName[];
  client(provider: ProviderName): Result<AsyncJobClient, RequestError>;
  /** Finds the client for `provider:id` and checks the id. */
  resolve(ref: string): Result<ResolvedRef, AsyncJobError>;
  /** Looks a job up by ref. */
  get(ref: string, options?: RequestOptions): ResultAsync<AsyncJob, AsyncJobError>;
}

/** Validates one config and builds its client with the matching factory. */
export function createJobClient(
  config: unknown,
  factories: ProviderFactories,
): Result<AsyncJobClient, AsyncJobError> {
  return parseProviderConfig(config).andThen((parsed) => {
    const factory = Object.hasOwn(factories, parsed.provider) ? factories[parsed.provider] : undefined;
    if (!factory) {
      const known = Object.keys(factories).join(', ') || 'none';
      return err(
        configError(
          `No adapter is registered for provider "${parsed.provider}" (registered: ${known}).`,
          'provider',
          parsed.provider,
        ),
      );
    }
    return factory(parsed);
  });
}

/** Options of `createJobRegistry`. */
export interface JobRegistryOptions {
  readonly factories: ProviderFactories;
  /** One config per provider; a second config for the same provider is a `config` error. */
  readonly configs: readonly unknown[];
}

/** Builds every configured client; the first bad config fails the whole registry with an error naming it. */
export function createJobRegistry(options: JobRegistryOptions): Result<JobRegistry, AsyncJobError> {
  const clients = new Map<ProviderName, AsyncJobClient>();
  for (const config of options.configs) {
    const built = createJobClient(config, options.factories);
    if (built.isErr()) return err(built.error);
    if (clients.has(built.value.provider)) {
      return err(configError(`Provider "${built.value.provider}" is configured twice.`, 'provider'));
    }
    clients.set(built.value.provider, built.value);
  }
  return ok(registryOf(clients));
}

function registryOf(clients: ReadonlyMap<ProviderName, AsyncJobClient>): JobRegistry {
  const client = (provider: ProviderName): Result<AsyncJobClient, RequestError> => {
    const found = clients.get(provider);
    if (found) return ok(found);
    const configured = [...clients.keys()].join(', ') || 'none';
    return err(
      configError(
        `Provider "${provider}" is not configured (configured: ${configured}).`,
        'provider',
        provider,
      ),
    );
  };
  const resolve = (ref: string): Result<ResolvedRef, AsyncJobError> =>
    parseJobRef(ref).andThen(({ provider, id }) =>
      client(provider).andThen((found) =>
        found.parseId(id).map((checkedId) => ({ ref, provider, id: checkedId, client: found })),
      ),
    );
  return {
    providers: [...clients.keys()],
    client,
    resolve,
    get: (ref, requestOptions) =>
      resolve(ref).match(
        ({ client: found, id }) => found.get(id, requestOptions),
        (error) => errAsync(error),
      ),
  };
}
