import type { CliIo } from './cli-io';

/** Writes lines for a command: results on stdout, messages on stderr, with every known secret blanked out. */
export interface Output {
  /** A result line (a job, an error in `--json` mode, a table) on stdout. */
  result(line: string): void;
  /** A message for people (errors, notes, progress lines) on stderr. */
  message(line: string): void;
  /** Adds values that must never be printed, e.g. the API keys of the loaded config. */
  addSecrets(secrets: readonly (string | undefined)[]): void;
  /** Runs around every write, e.g. to clear a spinner and draw it again; null removes it. */
  wrap(around: ((write: () => void) => void) | null): void;
}

/** The text that replaces a secret. */
export const REDACTED = '[redacted]';

/** Creates the writer of one command run. */
export function createOutput(io: CliIo): Output {
  const secrets = new Set<string>();
  let around: ((write: () => void) => void) | null = null;
  const redact = (text: string): string => {
    let result = text;
    for (const secret of secrets) result = result.split(secret).join(REDACTED);
    return result;
  };
  const write = (stream: CliIo['stdout'], line: string): void => {
    const text = `${redact(line)}\n`;
    if (around) around(() => stream.write(text));
    else stream.write(text);
  };
  return {
    result: (line) => write(io.stdout, line),
    message: (line) => write(io.stderr, line),
    addSecrets: (values) => {
      // Very short values would blank out ordinary words; real keys are far longer.
      for (const value of values) if (value !== undefined && value.length >= 4) secrets.add(value);
    },
    wrap: (next) => {
      around = next;
    },
  };
}
