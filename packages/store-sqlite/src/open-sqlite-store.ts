import { closeSync, openSync } from 'node:fs';
import type { AsyncJobError } from '@asyncjob/core';
import Database from 'better-sqlite3';
import { err, ok, type Result } from 'neverthrow';
import { APPLICATION_ID, MIGRATIONS, type Migration, migrate } from './migrations';
import { SqliteJobStore, type SqliteStore } from './sqlite-store';
import { resolveSqliteStoreOptions, type SqliteStoreOptions } from './sqlite-store-options';
import { storeFileError, toStoreError } from './to-store-error';

/** SQLite's names for a database that lives only in memory (for tests). */
function isInMemory(path: string): boolean {
  return path === ':memory:' || path === '';
}

/** Creates a missing store file readable by its owner only; SQLite gives its `-wal` and `-shm` files the same mode. */
function createPrivateFile(path: string): void {
  try {
    closeSync(openSync(path, 'wx', 0o600));
  } catch (thrown) {
    if ((thrown as NodeJS.ErrnoException).code !== 'EEXIST') throw thrown;
  }
}

/** Reads the header fields that say whose file this is and which schema it has; changes nothing. */
function checkHeader(db: Database.Database, path: string, latest: number): Result<void, AsyncJobError> {
  const version = db.pragma('user_version', { simple: true }) as number;
  const applicationId = db.pragma('application_id', { simple: true }) as number;
  if (version > latest) {
    return err(
      storeFileError(
        path,
        `has schema version ${version}, newer than this release knows (${latest}); upgrade @asyncjob/store-sqlite. The file was left untouched.`,
      ),
    );
  }
  if (applicationId !== 0 && applicationId !== APPLICATION_ID) {
    return err(storeFileError(path, 'is an SQLite database of another program, not a job store.'));
  }
  if (version === 0) {
    const tables = db
      .prepare("SELECT count(*) AS count FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'")
      .get() as {
      count: number;
    };
    if (tables.count > 0)
      return err(storeFileError(path, 'is an SQLite database of another program, not a job store.'));
  }
  return ok(undefined);
}

function quickCheck(db: Database.Database, path: string): Result<void, AsyncJobError> {
  const rows = db.pragma('quick_check', { simple: false }) as { quick_check: string }[];
  const problems = rows
    .flatMap((row) => row.quick_check.split('\n'))
    .filter((line) => line !== 'ok' && !line.startsWith('***'));
  if (problems.length === 0) return ok(undefined);
  return err(storeFileError(path, `is damaged (${problems[0]}); it was left untouched.`));
}

/** Checks the file, sets the connection up and migrates it; returns the schema version. Throws what SQLite throws. */
function prepare(
  db: Database.Database,
  path: string,
  options: { synchronous: 'full' | 'normal'; busyTimeoutMs: number; checkOnOpen: boolean },
  migrations: readonly Migration[],
): Result<number, AsyncJobError> {
  db.pragma(`busy_timeout = ${options.busyTimeoutMs}`);
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  const header = checkHeader(db, path, latest);
  if (header.isErr()) return err(header.error);
  if (options.checkOnOpen) {
    const checked = quickCheck(db, path);
    if (checked.isErr()) return err(checked.error);
  }
  // WAL: readers never block the writer and a commit is one append; the mode is stored in the file.
  const mode = db.pragma('journal_mode = WAL', { simple: true }) as string;
  if (mode !== 'wal' && !(isInMemory(path) && mode === 'memory')) {
    return err(storeFileError(path, `cannot use write-ahead logging (journal mode is ${mode}).`));
  }
  db.pragma(`synchronous = ${options.synchronous.toUpperCase()}`);
  return ok(migrate(db, migrations));
}

/**
 * Opens (creating it if missing) a job store file, checks it and brings its schema up to date. A file that is
 * not a store, is damaged, or has a newer schema is a `config` error naming it (`field: 'store'`), and is left
 * as it was. Never throws.
 */
export function openSqliteStore(
  path: string,
  options: SqliteStoreOptions = {},
): Result<SqliteStore, AsyncJobError> {
  return openWithMigrations(path, options, MIGRATIONS);
}

/** `openSqliteStore` with a given list of migrations (tests check a later schema this way). */
export function openWithMigrations(
  path: string,
  options: SqliteStoreOptions,
  migrations: readonly Migration[],
): Result<SqliteStore, AsyncJobError> {
  const resolved = resolveSqliteStoreOptions(options);
  if (resolved.isErr()) return err(resolved.error);
  let db: Database.Database | undefined;
  try {
    if (!isInMemory(path)) createPrivateFile(path);
    db = new Database(path, { timeout: resolved.value.busyTimeoutMs });
    const version = prepare(db, path, resolved.value, migrations);
    if (version.isErr()) {
      db.close();
      return err(version.error);
    }
    return ok(new SqliteJobStore(db, path, version.value, resolved.value));
  } catch (thrown) {
    try {
      db?.close();
    } catch {
      // Closing a connection that failed half way; the open error is the one to report.
    }
    return err(toStoreError(path, 'be opened', thrown));
  }
}
