import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { APPLICATION_ID, MIGRATIONS, type Migration, migrate, SCHEMA_VERSION } from './migrations';
import { openWithMigrations } from './open-sqlite-store';
import { tempDir, trackedState } from './test-helpers';

/** A second schema version, as a later release would add it: a column filled from the JSON state. */
const addOperationColumn: Migration = {
  version: SCHEMA_VERSION + 1,
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

  it('migrations 1 and 2 create the jobs table and mark the file as a job store', () => {
    const db = new Database(':memory:');
    expect(migrate(db)).toBe(2);
    const columns = db.prepare("SELECT name FROM pragma_table_info('jobs') ORDER BY cid").pluck().all();
    expect(columns).toEqual(['id', 'ref', 'state', 'updated_at', 'outcome', 'settled_at', 'handled_at']);
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    // Running again changes nothing.
    expect(migrate(db)).toBe(2);
    db.close();
  });

  it('migration 2 counts outcomes recorded at version 1 as handled', () => {
    const db = new Database(':memory:');
    expect(migrate(db, MIGRATIONS.slice(0, 1))).toBe(1);
    const insert = db.prepare(
      'INSERT INTO jobs (ref, state, updated_at, outcome, settled_at) VALUES (?, ?, 0, ?, ?)',
    );
    insert.run('revor:a', JSON.stringify(trackedState('revor:a')), '{}', 5);
    insert.run('revor:b', JSON.stringify(trackedState('revor:b')), null, null);
    expect(migrate(db)).toBe(2);
    expect(db.prepare('SELECT ref, handled_at FROM jobs ORDER BY id').all()).toEqual([
      { ref: 'revor:a', handled_at: 5 },
      { ref: 'revor:b', handled_at: null },
    ]);
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
    expect(v2.schemaVersion).toBe(SCHEMA_VERSION + 1);
    expect((await v2.list())._unsafeUnwrap().map((job) => job.state.ref)).toEqual(['revor:a']);
    await v2.close();

    const raw = new Database(path, { readonly: true });
    expect(raw.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION + 1);
    expect(raw.prepare('SELECT operation FROM jobs').pluck().all()).toEqual(['dispatch']);
    raw.close();

    // This release (schema 1) now refuses the file rather than guess at it.
    const old = openWithMigrations(path, {}, MIGRATIONS)._unsafeUnwrapErr();
    expect(old).toMatchObject({ kind: 'config', field: 'store' });
    expect(old.message).toContain(`schema version ${SCHEMA_VERSION + 1}`);
  });

  it('a migration that fails leaves the file at the version before it, with nothing half done', async () => {
    const path = temp.file();
    const v1 = openWithMigrations(path, {}, MIGRATIONS)._unsafeUnwrap();
    await v1.put(trackedState('revor:a'));
    await v1.close();
    const broken: Migration = {
      version: SCHEMA_VERSION + 1,
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
    expect(raw.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
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
    expect([first.schemaVersion, second.schemaVersion]).toEqual([SCHEMA_VERSION + 1, SCHEMA_VERSION + 1]);
    expect((await second.list())._unsafeUnwrap()).toHaveLength(1);
    await Promise.all([first.close(), second.close()]);
  });
});
