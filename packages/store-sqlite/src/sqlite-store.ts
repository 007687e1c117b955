import {
  type AsyncJobError,
  asyncJobError,
  type JobStore,
  type StoredJob,
  type StoredOutcome,
  type TrackedJobState,
} from '@asyncjob/core';
import type { Database, Statement } from 'better-sqlite3';
import { err, ok, type Result, ResultAsync } from 'neverthrow';
import type { ResolvedSqliteStoreOptions } from './sqlite-store-options';
import { outcomeToText, rowToStoredJob } from './stored-job-row';
import { storeFileError, toStoreError } from './to-store-error';

const COLUMNS = 'ref, state, updated_at, outcome, settled_at, handled_at';

interface Statements {
  readonly put: Statement<[string, string, number]>;
  readonly update: Statement<[string, number, string]>;
  readonly markSettled: Statement<[string, number, number, string]>;
  readonly get: Statement<[string]>;
  readonly list: Statement<[]>;
  readonly listUnsettled: Statement<[]>;
  readonly markHandled: Statement<[number, number, string]>;
  readonly listUnhandled: Statement<[]>;
  readonly prune: Statement<[number]>;
  readonly remove: Statement<[string]>;
}

/**
 * A `JobStore` in one SQLite file, shared safely by several processes. Each method is one transaction, run
 * synchronously when called; the `ResultAsync` it returns is already settled.
 */
export interface SqliteStore extends JobStore {
  /** The file, as given to `openSqliteStore`. */
  readonly path: string;
  /** The schema version of the file (`PRAGMA user_version`). */
  readonly schemaVersion: number;
  /** Whether `close()` has not been called yet. */
  readonly open: boolean;
  /** The recorded job with this ref, or null. */
  get(ref: string): ResultAsync<StoredJob | null, AsyncJobError>;
  /** Closes the file (checkpointing the write-ahead log); closing twice is fine. */
  close(): ResultAsync<void, AsyncJobError>;
}

/** The one implementation of `SqliteStore`; `openSqliteStore` builds it once the file is checked and migrated. */
export class SqliteJobStore implements SqliteStore {
  readonly path: string;
  readonly schemaVersion: number;
  readonly #db: Database;
  readonly #statements: Statements;
  readonly #now: () => number;

  constructor(db: Database, path: string, schemaVersion: number, options: ResolvedSqliteStoreOptions) {
    this.#db = db;
    this.path = path;
    this.schemaVersion = schemaVersion;
    this.#now = options.now;
    this.#statements = {
      put: db.prepare(
        'INSERT INTO jobs (ref, state, updated_at) VALUES (?, ?, ?) ON CONFLICT (ref) DO NOTHING',
      ),
      update: db.prepare('UPDATE jobs SET state = ?, updated_at = ? WHERE ref = ? AND outcome IS NULL'),
      markSettled: db.prepare(
        'UPDATE jobs SET outcome = ?, settled_at = ?, updated_at = ? WHERE ref = ? AND outcome IS NULL',
      ),
      get: db.prepare(`SELECT ${COLUMNS} FROM jobs WHERE ref = ?`),
      list: db.prepare(`SELECT ${COLUMNS} FROM jobs ORDER BY id`),
      listUnsettled: db.prepare(`SELECT ${COLUMNS} FROM jobs WHERE outcome IS NULL ORDER BY id`),
      markHandled: db.prepare(
        'UPDATE jobs SET handled_at = ?, updated_at = ? WHERE ref = ? AND outcome IS NOT NULL AND handled_at IS NULL',
      ),
      listUnhandled: db.prepare(
        `SELECT ${COLUMNS} FROM jobs WHERE outcome IS NOT NULL AND handled_at IS NULL ORDER BY id`,
      ),
      prune: db.prepare('DELETE FROM jobs WHERE settled_at IS NOT NULL AND settled_at < ?'),
      remove: db.prepare('DELETE FROM jobs WHERE ref = ?'),
    };
  }

  get open(): boolean {
    return this.#db.open;
  }

  put(state: TrackedJobState): ResultAsync<void, AsyncJobError> {
    return this.#run('record a job', () => {
      const text = this.#stringify(state, 'state');
      if (text.isErr()) return err(text.error);
      this.#write(() => this.#statements.put.run(state.ref, text.value, this.#now()));
      return ok(undefined);
    });
  }

  update(state: TrackedJobState): ResultAsync<void, AsyncJobError> {
    return this.#run('update a job', () => {
      const text = this.#stringify(state, 'state');
      if (text.isErr()) return err(text.error);
      this.#write(() => this.#statements.update.run(text.value, this.#now(), state.ref));
      return ok(undefined);
    });
  }

  markSettled(ref: string, outcome: StoredOutcome, settledAt: number): ResultAsync<boolean, AsyncJobError> {
    return this.#run('record an outcome', () => {
      let text: string;
      try {
        text = outcomeToText(outcome);
      } catch (thrown) {
        return err(this.#unserializable('outcome', thrown));
      }
      // One UPDATE guarded by `outcome IS NULL` under the write lock: of two processes, only the first changes it.
      const changes = this.#write(
        () => this.#statements.markSettled.run(text, settledAt, settledAt, ref).changes,
      );
      return ok(changes === 1);
    });
  }

  markHandled(ref: string, handledAt: number): ResultAsync<void, AsyncJobError> {
    return this.#run('mark an outcome handled', () => {
      this.#write(() => this.#statements.markHandled.run(handledAt, handledAt, ref));
      return ok(undefined);
    });
  }

  listUnhandled(): ResultAsync<StoredJob[], AsyncJobError> {
    return this.#run('list jobs', () => this.#readAll(this.#statements.listUnhandled.all()));
  }

  get(ref: string): ResultAsync<StoredJob | null, AsyncJobError> {
    return this.#run('read a job', () => {
      const row = this.#statements.get.get(ref);
      return row === undefined ? ok(null) : rowToStoredJob(this.path, row);
    });
  }

  listUnsettled(): ResultAsync<StoredJob[], AsyncJobError> {
    return this.#run('list jobs', () => this.#readAll(this.#statements.listUnsettled.all()));
  }

  list(): ResultAsync<StoredJob[], AsyncJobError> {
    return this.#run('list jobs', () => this.#readAll(this.#statements.list.all()));
  }

  remove(ref: string): ResultAsync<void, AsyncJobError> {
    return this.#run('forget a job', () => {
      this.#write(() => this.#statements.remove.run(ref));
      return ok(undefined);
    });
  }

  prune(settledBefore: number): ResultAsync<number, AsyncJobError> {
    return this.#run('prune jobs', () =>
      ok(this.#write(() => this.#statements.prune.run(settledBefore).changes)),
    );
  }

  close(): ResultAsync<void, AsyncJobError> {
    if (!this.#db.open) return ResultAsync.fromSafePromise(Promise.resolve());
    return this.#run('close', () => {
      this.#db.close();
      return ok(undefined);
    });
  }

  /** Runs one store operation; anything SQLite throws becomes an `AsyncJobError`, never a throw. */
  #run<T>(action: string, operation: () => Result<T, AsyncJobError>): ResultAsync<T, AsyncJobError> {
    let result: Result<T, AsyncJobError>;
    if (!this.#db.open) {
      result = err(storeFileError(this.path, `is closed; it cannot ${action}.`));
    } else {
      try {
        result = operation();
      } catch (thrown) {
        result = err(toStoreError(this.path, action, thrown));
      }
    }
    return new ResultAsync(Promise.resolve(result));
  }

  /** One write in its own transaction, taking the write lock at once (`BEGIN IMMEDIATE`). */
  #write<T>(write: () => T): T {
    return this.#db.transaction(write).immediate();
  }

  #readAll(rows: unknown[]): Result<StoredJob[], AsyncJobError> {
    const jobs: StoredJob[] = [];
    for (const row of rows) {
      const job = rowToStoredJob(this.path, row);
      if (job.isErr()) return err(job.error);
      jobs.push(job.value);
    }
    return ok(jobs);
  }

  #stringify(value: unknown, what: string): Result<string, AsyncJobError> {
    try {
      return ok(JSON.stringify(value));
    } catch (thrown) {
      return err(this.#unserializable(what, thrown));
    }
  }

  #unserializable(what: string, thrown: unknown): AsyncJobError {
    const message = thrown instanceof Error ? thrown.message : String(thrown);
    return asyncJobError(
      'invalid_request',
      `The job store ${this.path} cannot hold this ${what}: ${message}.`,
      {
        field: 'store',
      },
    );
  }
}
