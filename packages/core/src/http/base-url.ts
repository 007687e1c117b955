import { err, ok, type Result } from 'neverthrow';
import type { ProviderName } from '../async-job';
import { configError, type RequestError } from '../async-job-error';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** Whether a hostname is this machine: `localhost`, `127.x.x.x` or `::1`. */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/**
 * Checks a base URL and returns it with one trailing slash (ky's `prefixUrl` joins paths onto it).
 * `https:` anywhere; `http:` only to a loopback host, so a key is never sent in clear text over a network.
 */
export function normalizeBaseUrl(
  value: string,
  provider: ProviderName,
  field = `${provider}.baseUrl`,
): Result<string, RequestError> {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return err(configError(`${field} is not a valid URL.`, field, provider));
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return err(configError(`${field} must use https:// (got ${url.protocol}).`, field, provider));
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return err(
      configError(
        `${field} may use http:// only for a loopback host; use https:// for ${url.hostname}.`,
        field,
        provider,
      ),
    );
  }
  if (url.username || url.password) {
    return err(configError(`${field} must not carry credentials; use the apiKey setting.`, field, provider));
  }
  if (url.search || url.hash) {
    return err(configError(`${field} must not have a query or fragment.`, field, provider));
  }
  const text = url.toString();
  return ok(text.endsWith('/') ? text : `${text}/`);
}
