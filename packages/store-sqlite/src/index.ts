export { SCHEMA_VERSION } from './migrations';
export { openSqliteStore } from './open-sqlite-store';
export type { SqliteStore } from './sqlite-store';
export type { SqliteStoreOptions } from './sqlite-store-options';
