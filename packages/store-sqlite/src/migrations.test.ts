import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { APPLICATION_ID, MIGRATIONS, type Migration, migrate, SCHEMA_VERSION } from './migrations';
import { openWithMigrations } from './open-sqlite-store';
import { tempDir, trackedState } from './test-helpers';

/** A second schema version, as a later release would add it: a column filled from the JSON state. */
const addOperationColumn: Migration = {
  version: 2,
  description: 'operation column, for listing by operation',
  up: (db) => {
    db.exec(`
      ALTER TABLE jobs ADD COLUMN operation TEXT;
      UPDATE jobs SET operation = json_extract(state, '$.operation');
    `);
  },
};

describe('migrations', () => {
  let temp: ReturnType<typeof tempDir>;

  beforeEach(() => {
    temp = tempDir();
  });

  afterEach(() => {
    temp.cleanup();
  });

  it('are numbered 1, 2, 3 … in order, and the schema version is the last one', () => {
    expect(MIGRATIONS.map((migration) => migration.version)).toEqual(
      MIGRATIONS.map((_migration, index) => index + 1),
    );
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
  });

  it('migration 1 creates the jobs table and marks the file as a job store', () => {
    const db = new Database(':memory:');
    expect(migrate(db)).toBe(1);
    const columns = db.prepare("SELECT name FROM pragma_table_info('jobs') ORDER BY cid").pluck().all();
    expect(columns).toEqual(['id', 'ref', 'state', 'updated_at', 'outcome', 'settled_at']);
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    // Running again changes nothing.
    expect(migrate(db)).toBe(1);
    db.close();
  });

  it('the table refuses text that is not JSON and an outcome without a settle time', () => {
    const db = new Database(':memory:');
    migrate(db);
    const insert = db.prepare(
      'INSERT INTO jobs (ref, state, updated_at, outcome, settled_at) VALUES (?, ?, 0, ?, ?)',
    );
    expect(() => insert.run('revor:a', 'not json', null, null)).toThrow(/CHECK constraint/);
    expect(() => insert.run('revor:a', '{}', '{"type":"job"}', null)).toThrow(/CHECK constraint/);
    db.close();
  });

  it('a later migration runs once on an existing file and keeps its jobs', async () => {
    const path = temp.file();
    const v1 = openWithMigrations(path, {}, MIGRATIONS)._unsafeUnwrap();
    await v1.put(trackedState('revor:a', { operation: 'dispatch' }));
    await v1.close();

    const v2 = openWithMigrations(path, {}, [...MIGRATIONS, addOperationColumn])._unsafeUnwrap();
    expect(v2.schemaVersion).toBe(2);
    expect((await v2.list())._unsafeUnwrap().map((job) => job.state.ref)).toEqual(['revor:a']);
    await v2.close();

    const raw = new Database(path, { readonly: true });
    expect(raw.pragma('user_version', { simple: true })).toBe(2);
    expect(raw.prepare('SELECT operation FROM jobs').pluck().all()).toEqual(['dispatch']);
    raw.close();

    // This release (schema 1) now refuses the file rather than guess at it.
    const old = openWithMigrations(path, {}, MIGRATIONS)._unsafeUnwrapErr();
    expect(old).toMatchObject({ kind: 'config', field: 'store' });
    expect(old.message).toContain('schema version 2');
  });

  it('a migration that fails leaves the file at the version before it, with nothing half done', async () => {
    const path = temp.file();
    const v1 = openWithMigrations(path, {}, MIGRATIONS)._unsafeUnwrap();
    await v1.put(trackedState('revor:a'));
    await v1.close();
    const broken: Migration = {
      version: 2,
      description: 'fails half way',
      up: (db) => {
        db.exec('CREATE TABLE extra (id INTEGER)');
        db.exec('THIS IS NOT SQL');
      },
    };
    const error = openWithMigrations(path, {}, [...MIGRATIONS, broken])._unsafeUnwrapErr();
    expect(error).toMatchObject({ kind: 'config', field: 'store' });
    expect(error.message).toContain(path);
    const raw = new Database(path, { readonly: true });
    expect(raw.pragma('user_version', { simple: true })).toBe(1);
    expect(raw.prepare("SELECT name FROM sqlite_schema WHERE name = 'extra'").all()).toEqual([]);
    raw.close();
    const reopened = openWithMigrations(path, {}, MIGRATIONS)._unsafeUnwrap();
    expect((await reopened.list())._unsafeUnwrap().map((job) => job.state.ref)).toEqual(['revor:a']);
    await reopened.close();
  });

  it('opening a file another store already migrated runs nothing again', async () => {
    const path = temp.file();
    const first = openWithMigrations(path, {}, [...MIGRATIONS, addOperationColumn])._unsafeUnwrap();
    await first.put(trackedState('revor:a'));
    const second = openWithMigrations(path, {}, [...MIGRATIONS, addOperationColumn])._unsafeUnwrap();
    expect([first.schemaVersion, second.schemaVersion]).toEqual([2, 2]);
    expect((await second.list())._unsafeUnwrap()).toHaveLength(1);
    await Promise.all([first.close(), second.close()]);
  });
});
