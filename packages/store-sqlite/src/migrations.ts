import type { Database } from 'better-sqlite3';

/** One step of the schema; `version` is the `PRAGMA user_version` the file has once it ran. */
export interface Migration {
  readonly version: number;
  readonly description: string;
  /** Runs inside the migration's transaction; it must not commit or change `user_version` itself. */
  up(db: Database): void;
}

/** Marks the file as ours (`PRAGMA application_id`), so another program's SQLite file is not taken for a store. */
export const APPLICATION_ID = 0x41_4a_42_31; // "AJB1"

/**
 * Every schema change, oldest first. A new version is one more entry; existing entries never change, since
 * files in the field have already run them.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'jobs table: one row per ref, JSON state and outcome',
    up: (db) => {
      // `id` orders jobs oldest first and, being the rowid alias, keeps its value through VACUUM.
      db.exec(`
        CREATE TABLE jobs (
          id INTEGER PRIMARY KEY,
          ref TEXT NOT NULL UNIQUE,
          state TEXT NOT NULL CHECK (json_valid(state)),
          updated_at INTEGER NOT NULL,
          outcome TEXT CHECK (outcome IS NULL OR json_valid(outcome)),
          settled_at INTEGER,
          CHECK ((outcome IS NULL) = (settled_at IS NULL))
        );
        CREATE INDEX jobs_unsettled ON jobs (id) WHERE outcome IS NULL;
        CREATE INDEX jobs_settled_at ON jobs (settled_at) WHERE settled_at IS NOT NULL;
      `);
      db.pragma(`application_id = ${APPLICATION_ID}`);
    },
  },
  {
    version: 2,
    description: 'handled_at: when the settle handlers of an outcome finished',
    up: (db) => {
      // Outcomes recorded before this column existed were handled by the release that wrote them.
      db.exec(`
        ALTER TABLE jobs ADD COLUMN handled_at INTEGER;
        UPDATE jobs SET handled_at = settled_at WHERE settled_at IS NOT NULL;
        CREATE INDEX jobs_unhandled ON jobs (id) WHERE outcome IS NOT NULL AND handled_at IS NULL;
      `);
    },
  },
];

/** The schema version this release writes. */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

/**
 * Brings the file up to the last migration, one transaction per step. Each step takes the write lock first and
 * reads the version again, so two processes opening a new file at once apply every step exactly once.
 * Throws what SQLite throws; the caller maps it.
 */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): number {
  for (const migration of migrations) {
    const step = db.transaction(() => {
      const current = db.pragma('user_version', { simple: true }) as number;
      if (current >= migration.version) return;
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    });
    step.immediate();
  }
  return db.pragma('user_version', { simple: true }) as number;
}
