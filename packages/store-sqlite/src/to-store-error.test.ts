import { describe, expect, it } from 'vitest';
import { malformedRecordError, storeFileError, toStoreError } from './to-store-error';

/** An error shaped like better-sqlite3's `SqliteError`. */
function sqliteError(code: string, message: string): Error {
  return Object.assign(new Error(message), { name: 'SqliteError', code });
}

const PATH = '/data/jobs.db';

describe('toStoreError', () => {
  it.each([
    ['SQLITE_CORRUPT', 'config', false],
    ['SQLITE_NOTADB', 'config', false],
    ['SQLITE_IOERR_SHORT_READ', 'config', false],
    ['SQLITE_BUSY', 'server_error', true],
    ['SQLITE_BUSY_SNAPSHOT', 'server_error', true],
    ['SQLITE_LOCKED', 'server_error', true],
    ['SQLITE_FULL', 'server_error', true],
    ['SQLITE_IOERR_WRITE', 'server_error', true],
    ['SQLITE_CANTOPEN', 'config', false],
    ['SQLITE_READONLY', 'config', false],
    ['SQLITE_ERROR', 'config', false],
  ])('maps %s to %s (retryable: %s), naming the file', (code, kind, retryable) => {
    const error = toStoreError(PATH, 'record a job', sqliteError(code, 'it went wrong'));
    expect(error).toMatchObject({ kind, retryable, code, field: 'store', provider: null });
    expect(error.message).toContain(PATH);
    expect(error.cause).toEqual({ name: 'SqliteError', message: 'it went wrong' });
  });

  it('takes anything thrown, not only errors', () => {
    expect(toStoreError(PATH, 'list jobs', 'a string')).toMatchObject({
      kind: 'config',
      message: `The job store ${PATH} could not list jobs: a string.`,
    });
  });
});

describe('storeFileError and malformedRecordError', () => {
  it('name the file, and the ref with the first issue', () => {
    expect(storeFileError(PATH, 'is closed.')).toEqual({
      kind: 'config',
      provider: null,
      message: `The job store ${PATH} is closed.`,
      retryable: false,
      field: 'store',
    });
    expect(malformedRecordError(PATH, 'revor:a', [{ path: 'state.attempt', message: 'Too small' }])).toEqual({
      kind: 'invalid_response',
      provider: null,
      message: `The job store ${PATH} holds a malformed record for revor:a (state.attempt: Too small).`,
      retryable: false,
      field: 'store',
      issues: [{ path: 'state.attempt', message: 'Too small' }],
    });
  });
});
