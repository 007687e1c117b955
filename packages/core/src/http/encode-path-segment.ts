import { err, ok, type Result } from 'neverthrow';
import type { ProviderName } from '../async-job';
import { asyncJobError, type RequestError } from '../async-job-error';

/**
 * Percent-encodes one path segment so an id cannot add segments, a query or a fragment. `.` and `..` are
 * refused: URL parsers treat them (and their %2E forms) as dot segments that climb the path.
 */
export function encodePathSegment(
  value: string,
  provider: ProviderName,
  name = 'id',
): Result<string, RequestError> {
  if (value.length === 0 || value === '.' || value === '..') {
    return err(asyncJobError('invalid_request', `${name} "${value}" is not a valid id.`, { provider }));
  }
  return ok(encodeURIComponent(value));
}
