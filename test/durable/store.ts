// The e2e package does not list @asyncjob/store-sqlite among its dependencies yet, so the durable tests reach
// the store's build by path. Build it first (`turbo run build`).
export { openSqliteStore, type SqliteStore } from '../../packages/store-sqlite/dist/index.js';
