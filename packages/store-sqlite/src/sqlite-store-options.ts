import { type AsyncJobError, configError } from '@asyncjob/core';
import { err, ok, type Result } from 'neverthrow';

/** Options of `openSqliteStore`. Every field is optional. */
export interface SqliteStoreOptions {
  /**
   * How long a write waits for another process holding the file's write lock before it fails.
   * @default 5000
   */
  readonly busyTimeoutMs?: number;
  /**
   * `full` syncs the write-ahead log to disk at every commit, so a recorded job or outcome survives a power cut
   * as well as a killed process. `normal` syncs only at checkpoints: still safe when the process dies, but the
   * last commits may be lost (never half written) when the machine does.
   * @default 'full'
   */
  readonly synchronous?: 'full' | 'normal';
  /**
   * Runs SQLite's `quick_check` when the file is opened, so a damaged file is reported at once rather than at
   * the first read of a damaged page. It reads the whole file: turn it off for very large stores.
   * @default true
   */
  readonly checkOnOpen?: boolean;
  /** The clock for `updatedAt` (epoch ms). @default Date.now */
  readonly now?: () => number;
}

/** The options with every default applied. */
export interface ResolvedSqliteStoreOptions {
  readonly busyTimeoutMs: number;
  readonly synchronous: 'full' | 'normal';
  readonly checkOnOpen: boolean;
  readonly now: () => number;
}

/** Applies the defaults and checks the values; a bad one is a `config` error naming it. */
export function resolveSqliteStoreOptions(
  options: SqliteStoreOptions,
): Result<ResolvedSqliteStoreOptions, AsyncJobError> {
  const busyTimeoutMs = options.busyTimeoutMs ?? 5000;
  if (!Number.isInteger(busyTimeoutMs) || busyTimeoutMs < 0 || busyTimeoutMs > 2_147_483_647) {
    return err(
      configError('store.busyTimeoutMs must be a whole number of milliseconds >= 0.', 'store.busyTimeoutMs'),
    );
  }
  const synchronous = options.synchronous ?? 'full';
  if (synchronous !== 'full' && synchronous !== 'normal') {
    return err(configError('store.synchronous must be "full" or "normal".', 'store.synchronous'));
  }
  return ok({
    busyTimeoutMs,
    synchronous,
    checkOnOpen: options.checkOnOpen ?? true,
    now: options.now ?? Date.now,
  });
}
