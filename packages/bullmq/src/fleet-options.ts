import {
  type AsyncJobError,
  type BackoffOptions,
  configError,
  createJobRegistry,
  type JobRegistry,
  type RateBudget,
} from '@asyncjob/core';
import { err, ok, type Result } from 'neverthrow';
import type { FleetConnection, FleetEvent, FleetOptions } from './fleet-types';

const HOUR_MS = 3_600_000;

/** The options with every default applied and checked. */
export interface ResolvedFleetOptions {
  readonly connection: FleetConnection;
  readonly registry: JobRegistry;
  readonly prefix: string;
  readonly outcomeTtlMs: number;
  readonly concurrency: number;
  readonly rateLimits: Readonly<Record<string, RateBudget>>;
  readonly backoff: Partial<BackoffOptions>;
  readonly timeoutMs: number;
  readonly lockDurationMs: number;
  readonly stalledIntervalMs: number;
  readonly maxStalledCount: number;
  readonly redisTimeoutMs: number;
  readonly onEvent: ((event: FleetEvent) => void) | undefined;
  readonly now: () => number;
  readonly random: () => number;
}

const PREFIX_PATTERN = /^[A-Za-z0-9_.-]+$/;

/** Applies the defaults; a missing or malformed option is a `config` error naming it. */
export function resolveFleetOptions(options: FleetOptions): Result<ResolvedFleetOptions, AsyncJobError> {
  const connection = options.connection as FleetConnection | undefined;
  if (connection === undefined || connection === null || (typeof connection === 'string' && !connection)) {
    return err(
      configError('A fleet needs a Redis connection (a redis:// URL or ioredis options).', 'connection'),
    );
  }
  if (typeof connection === 'string' && !(/^rediss?:\/\//.test(connection) && URL.canParse(connection))) {
    return err(configError('The Redis connection must be a redis:// or rediss:// URL.', 'connection'));
  }
  const prefix = options.prefix ?? 'asyncjob';
  if (!PREFIX_PATTERN.test(prefix)) {
    return err(
      configError(`The prefix "${prefix}" may hold only letters, digits, ".", "_" and "-".`, 'prefix'),
    );
  }
  const numbers: [string, number | undefined, number, (value: number) => boolean][] = [
    ['outcomeTtlMs', options.outcomeTtlMs, 24 * HOUR_MS, isPositiveInteger],
    ['concurrency', options.concurrency, 8, isPositiveInteger],
    ['timeoutMs', options.timeoutMs, 24 * HOUR_MS, (value) => value === Infinity || value > 0],
    ['lockDurationMs', options.lockDurationMs, 30_000, isPositiveInteger],
    ['stalledIntervalMs', options.stalledIntervalMs, 30_000, isPositiveInteger],
    ['maxStalledCount', options.maxStalledCount, 1000, (value) => Number.isInteger(value) && value >= 0],
    ['redisTimeoutMs', options.redisTimeoutMs, 30_000, (value) => Number.isFinite(value) && value >= 0],
  ];
  const values: Record<string, number> = {};
  for (const [name, value, fallback, valid] of numbers) {
    if (value !== undefined && !valid(value)) {
      return err(configError(`The fleet option ${name} must be a positive number (got ${value}).`, name));
    }
    values[name] = value ?? fallback;
  }
  for (const [provider, budget] of Object.entries(options.rateLimits ?? {})) {
    if (!isPositiveInteger(budget.limit) || !isPositiveInteger(budget.windowMs)) {
      return err(
        configError(
          `rateLimits.${provider} needs a whole limit and windowMs above 0.`,
          `rateLimits.${provider}`,
        ),
      );
    }
  }
  const registry = registryOf(options);
  if (registry.isErr()) return err(registry.error);
  return ok({
    connection,
    registry: registry.value,
    prefix,
    rateLimits: options.rateLimits ?? {},
    backoff: options.backoff ?? {},
    onEvent: options.onEvent,
    now: options.now ?? Date.now,
    random: options.random ?? Math.random,
    outcomeTtlMs: values.outcomeTtlMs as number,
    concurrency: values.concurrency as number,
    timeoutMs: values.timeoutMs as number,
    lockDurationMs: values.lockDurationMs as number,
    stalledIntervalMs: values.stalledIntervalMs as number,
    maxStalledCount: values.maxStalledCount as number,
    redisTimeoutMs: values.redisTimeoutMs as number,
  });
}

function registryOf(options: FleetOptions): Result<JobRegistry, AsyncJobError> {
  if (options.registry) return ok(options.registry);
  if (!options.factories || !options.configs) {
    return err(configError('A fleet needs a registry, or factories and configs to build one.', 'registry'));
  }
  return createJobRegistry({ factories: options.factories, configs: options.configs });
}

function isPositiveInteger(value: number): boolean {
  return Number.isInteger(value) && value > 0;
}
