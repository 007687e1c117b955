import { DEFAULT_WAIT_TIMEOUT_MS } from '@asyncjob/core';
import { err, ok, type Result } from 'neverthrow';
import { parseDuration } from './parse-duration';
import { readRawOption } from './raw-option';

/** The options the argument parser hands over, camelCased; values that look like numbers came as numbers. */
export type ParsedFlags = Readonly<Record<string, unknown>>;

/** A text option exactly as typed (see `readRawOption`), or undefined when it was not given. */
export function textFlag(argv: readonly string[], flags: ParsedFlags, name: string): string | undefined {
  const camel = name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
  const value = flags[camel];
  if (value === undefined || value === false) return undefined;
  const raw = readRawOption(argv, camel === name ? [name] : [name, camel]);
  return raw ?? String(Array.isArray(value) ? value.at(-1) : value);
}

/** `--timeout`, in milliseconds. @default 10 minutes */
export function timeoutFlag(argv: readonly string[], flags: ParsedFlags): Result<number, string> {
  const text = textFlag(argv, flags, 'timeout');
  if (text === undefined) return ok(DEFAULT_WAIT_TIMEOUT_MS);
  return parseDuration(text).mapErr((message) => `--timeout: ${message}`);
}

/** A whole-number option such as `--port` or `--seed`, within bounds. */
export function integerFlag(
  argv: readonly string[],
  flags: ParsedFlags,
  name: string,
  bounds: { readonly min: number; readonly max: number },
): Result<number | undefined, string> {
  const text = textFlag(argv, flags, name);
  if (text === undefined) return ok(undefined);
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || value < bounds.min || value > bounds.max) {
    return err(`--${name} must be a whole number from ${bounds.min} to ${bounds.max}, not "${text}".`);
  }
  return ok(value);
}

/** `--data`: the operation's input as JSON. */
export function dataFlag(argv: readonly string[], flags: ParsedFlags): Result<unknown, string> {
  const text = textFlag(argv, flags, 'data');
  if (text === undefined) return err("submit needs --data <json>, the operation's input.");
  try {
    return ok(JSON.parse(text));
  } catch (error) {
    return err(`--data is not valid JSON: ${(error as Error).message}`);
  }
}

/** A boolean switch such as `--json`. */
export function booleanFlag(flags: ParsedFlags, name: string): boolean {
  return flags[name] === true;
}

/** `--store <file>`, the SQLite job store, when given. */
export function storeFlag(argv: readonly string[], flags: ParsedFlags): Result<string | undefined, string> {
  const text = textFlag(argv, flags, 'store');
  if (text === undefined) return ok(undefined);
  // SQLite reads these two names as a database in memory, which would record nothing.
  if (text.trim() === '' || text === ':memory:') return err(`--store needs a file path, not "${text}".`);
  return ok(text);
}

/** `--store <file>` of a command that works on a store only (`resume`, `jobs`). */
export function requiredStoreFlag(
  argv: readonly string[],
  flags: ParsedFlags,
  command: string,
): Result<string, string> {
  return storeFlag(argv, flags).andThen((store) =>
    store === undefined
      ? err(`${command} needs --store <file>, the job store that wait --store records jobs in.`)
      : ok(store),
  );
}
