import { type AsyncJobError, asyncJobError, type ResponseIssue } from '@asyncjob/core';

/** SQLite result codes that may clear up by themselves: another process holds the lock, the disk is full. */
const TRANSIENT_CODES = ['SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_FULL', 'SQLITE_IOERR', 'SQLITE_PROTOCOL'];

/** Codes that mean the file is not (or no longer) a usable SQLite database; checked before the transient ones. */
const DAMAGED_CODES = ['SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_IOERR_SHORT_READ'];

function describe(thrown: unknown): { name: string; message: string; code: string | undefined } {
  if (thrown instanceof Error) {
    const code = (thrown as { code?: unknown }).code;
    return { name: thrown.name, message: thrown.message, code: typeof code === 'string' ? code : undefined };
  }
  return { name: 'Error', message: String(thrown), code: undefined };
}

function hasCode(code: string | undefined, prefixes: readonly string[]): boolean {
  return code !== undefined && prefixes.some((prefix) => code === prefix || code.startsWith(`${prefix}_`));
}

/** A problem with the store file itself: a `config` error naming the file (`field: 'store'`). */
export function storeFileError(path: string, problem: string, cause?: unknown): AsyncJobError {
  const described = cause === undefined ? undefined : describe(cause);
  return asyncJobError('config', `The job store ${path} ${problem}`, {
    field: 'store',
    ...(described ? { cause: { name: described.name, message: described.message } } : {}),
    ...(described?.code ? { code: described.code } : {}),
  });
}

/**
 * Maps anything SQLite threw while `action` ran: a damaged file or one that cannot be opened is a `config`
 * error; a lock held too long, a full disk or an I/O error is a retryable `server_error`.
 */
export function toStoreError(path: string, action: string, thrown: unknown): AsyncJobError {
  const { name, message, code } = describe(thrown);
  if (hasCode(code, DAMAGED_CODES)) {
    return storeFileError(path, `is damaged or not a job store (${message}); it was left untouched.`, thrown);
  }
  if (hasCode(code, TRANSIENT_CODES)) {
    return asyncJobError('server_error', `The job store ${path} could not ${action}: ${message}.`, {
      field: 'store',
      cause: { name, message },
      ...(code ? { code } : {}),
    });
  }
  return storeFileError(path, `could not ${action}: ${message}.`, thrown);
}

/** A record that does not have the stored shape: an `invalid_response` error naming the file and the ref. */
export function malformedRecordError(
  path: string,
  ref: string,
  issues: readonly ResponseIssue[],
): AsyncJobError {
  const first = issues[0];
  const detail = first ? ` (${first.path || 'record'}: ${first.message})` : '';
  return asyncJobError(
    'invalid_response',
    `The job store ${path} holds a malformed record for ${ref}${detail}.`,
    {
      field: 'store',
      issues,
    },
  );
}
