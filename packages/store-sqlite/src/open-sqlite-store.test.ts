import { copyFileSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AsyncJobError } from '@asyncjob/core';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { APPLICATION_ID, SCHEMA_VERSION } from './migrations';
import { openSqliteStore } from './open-sqlite-store';
import { tempDir, trackedState } from './test-helpers';

/** A store file with `count` jobs, closed (its write-ahead log checkpointed into the file). */
async function writeStore(path: string, count: number): Promise<void> {
  const store = openSqliteStore(path)._unsafeUnwrap();
  for (let index = 0; index < count; index += 1) {
    await store.put(trackedState(`revor:job-${index}`, { operation: 'x'.repeat(200) }));
  }
  await store.close();
}

function expectStoreConfigError(error: AsyncJobError, path: string, words: RegExp): void {
  expect(error).toMatchObject({ kind: 'config', field: 'store', retryable: false, provider: null });
  expect(error.message).toContain(path);
  expect(error.message).toMatch(words);
}

describe('openSqliteStore', () => {
  let temp: ReturnType<typeof tempDir>;

  beforeEach(() => {
    temp = tempDir();
  });

  afterEach(() => {
    temp.cleanup();
  });

  it('creates a new file readable by its owner only, in WAL mode, at the current schema', async () => {
    const path = temp.file();
    const store = openSqliteStore(path)._unsafeUnwrap();
    expect(store.schemaVersion).toBe(SCHEMA_VERSION);
    expect(store.path).toBe(path);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const raw = new Database(path, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(raw.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(raw.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    raw.close();
    await store.close();
  });

  it('opens an empty file as a new store (SQLite reads a zero-length file as an empty database)', async () => {
    const path = temp.file();
    writeFileSync(path, '');
    const store = openSqliteStore(path)._unsafeUnwrap();
    expect((await store.list())._unsafeUnwrap()).toEqual([]);
    await store.close();
  });

  it('refuses a file of garbage bytes with a config error naming it, and leaves it as it was', () => {
    const path = temp.file('garbage.db');
    const garbage = Buffer.from(Array.from({ length: 8192 }, (_, index) => (index * 7919) % 256));
    writeFileSync(path, garbage);
    const error = openSqliteStore(path)._unsafeUnwrapErr();
    expectStoreConfigError(error, path, /not a database|damaged/);
    expect(readFileSync(path).equals(garbage)).toBe(true);
  });

  it('refuses a text file that only looks like a database by name', () => {
    const path = temp.file('notes.db');
    writeFileSync(path, 'these are my notes, not a database\n'.repeat(100));
    expectStoreConfigError(openSqliteStore(path)._unsafeUnwrapErr(), path, /damaged|not a database/);
  });

  it.each([
    ['to half its size', (size: number) => Math.floor(size / 2)],
    ['by one page', (size: number) => size - 4096],
    ['into its header', () => 60],
  ])('refuses a real store file truncated %s', async (_name, cut) => {
    const path = temp.file();
    await writeStore(path, 500);
    truncateSync(path, cut(statSync(path).size));
    const before = readFileSync(path);
    expectStoreConfigError(
      openSqliteStore(path)._unsafeUnwrapErr(),
      path,
      /damaged|malformed|not a database/,
    );
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('finds damage in the middle of a file with the check on open', async () => {
    const path = temp.file();
    await writeStore(path, 500);
    const bytes = readFileSync(path);
    // Overwrite a page in the middle of the table with noise, header intact.
    const page = 4096 * Math.floor(bytes.length / 4096 / 2);
    for (let offset = page; offset < page + 4096; offset += 1) bytes[offset] = (offset * 31) % 251;
    writeFileSync(path, bytes);
    expectStoreConfigError(openSqliteStore(path)._unsafeUnwrapErr(), path, /damaged|malformed/);
  });

  it('refuses a file whose schema is newer than this release knows, without touching it', async () => {
    const path = temp.file();
    await writeStore(path, 3);
    const raw = new Database(path);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    const before = readFileSync(path);
    const error = openSqliteStore(path)._unsafeUnwrapErr();
    expectStoreConfigError(error, path, new RegExp(`schema version ${SCHEMA_VERSION + 1}, newer`));
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it("refuses another program's SQLite database", () => {
    const plain = temp.file('app.db');
    const raw = new Database(plain);
    raw.exec('CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)');
    raw.close();
    expectStoreConfigError(openSqliteStore(plain)._unsafeUnwrapErr(), plain, /another program/);

    const marked = temp.file('marked.db');
    const other = new Database(marked);
    other.pragma('application_id = 1234');
    other.pragma('user_version = 1');
    other.close();
    expectStoreConfigError(openSqliteStore(marked)._unsafeUnwrapErr(), marked, /another program/);
  });

  it('reports a path it cannot open as a config error naming it', () => {
    const missing = join(temp.dir, 'no-such-dir', 'jobs.db');
    expectStoreConfigError(openSqliteStore(missing)._unsafeUnwrapErr(), missing, /could not be opened/);
    expectStoreConfigError(openSqliteStore(temp.dir)._unsafeUnwrapErr(), temp.dir, /could not be opened/);
  });

  it('checks its options', () => {
    expect(openSqliteStore(temp.file(), { busyTimeoutMs: -1 })._unsafeUnwrapErr()).toMatchObject({
      kind: 'config',
      field: 'store.busyTimeoutMs',
    });
    const synchronous = 'off' as 'full';
    expect(openSqliteStore(temp.file(), { synchronous })._unsafeUnwrapErr()).toMatchObject({
      kind: 'config',
      field: 'store.synchronous',
    });
  });

  it('waits for the busy timeout when another process holds the write lock, then fails retryably', async () => {
    const path = temp.file();
    const store = openSqliteStore(path, { busyTimeoutMs: 50 })._unsafeUnwrap();
    const holder = new Database(path);
    holder.exec('BEGIN IMMEDIATE');
    const startedAt = Date.now();
    const error = (await store.put(trackedState('revor:a')))._unsafeUnwrapErr();
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(40);
    expect(error).toMatchObject({
      kind: 'server_error',
      retryable: true,
      code: 'SQLITE_BUSY',
      field: 'store',
    });
    expect(error.message).toContain(path);
    holder.exec('ROLLBACK');
    expect((await store.put(trackedState('revor:a'))).isOk()).toBe(true);
    holder.close();
    await store.close();
  });

  it('opens a copy of a store taken while it was open (main file and write-ahead log together)', async () => {
    const path = temp.file();
    const store = openSqliteStore(path)._unsafeUnwrap();
    await store.put(trackedState('revor:a'));
    copyFileSync(path, temp.file('copy.db'));
    copyFileSync(`${path}-wal`, temp.file('copy.db-wal'));
    const copy = openSqliteStore(temp.file('copy.db'))._unsafeUnwrap();
    expect((await copy.list())._unsafeUnwrap().map((job) => job.state.ref)).toEqual(['revor:a']);
    await copy.close();
    await store.close();
  });
});
