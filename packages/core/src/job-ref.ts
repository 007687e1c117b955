import { err, ok, type Result } from 'neverthrow';
import type { ProviderName } from './async-job';
import { configError, type RequestError } from './async-job-error';

/** A ref split into its provider and the vendor-side id. */
export interface ParsedJobRef {
  readonly provider: ProviderName;
  readonly id: string;
}

const PROVIDER_PATTERN = /^[a-z][a-z0-9_-]*$/;

/** Splits `provider:id` at the first colon. The id part is checked further by the provider's `parseId`. */
export function parseJobRef(ref: unknown): Result<ParsedJobRef, RequestError> {
  if (typeof ref !== 'string')
    return err(configError('A job ref must be a string like "revor:<jobId>".', 'ref'));
  const colon = ref.indexOf(':');
  if (colon <= 0 || colon === ref.length - 1) {
    return err(
      configError(`"${ref}" is not a job ref: expected "<provider>:<id>", e.g. "revor:job_123".`, 'ref'),
    );
  }
  const provider = ref.slice(0, colon);
  if (!PROVIDER_PATTERN.test(provider)) {
    return err(
      configError(`"${provider}" is not a provider name (lowercase letters, digits, - or _).`, 'ref'),
    );
  }
  return ok({ provider, id: ref.slice(colon + 1) });
}

/** Joins a provider and an id into a ref. */
export function formatJobRef(provider: ProviderName, id: string): string {
  return `${provider}:${id}`;
}
