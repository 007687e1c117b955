/**
 * The last value given to a `--name <value>` option, exactly as typed. The argument parser turns values that look
 * like numbers into numbers (`--idempotency-key 0012` would become 12), so text options are read from argv.
 * `names` are the option's spellings without dashes, e.g. `['idempotency-key', 'idempotencyKey']`.
 */
export function readRawOption(argv: readonly string[], names: readonly string[]): string | undefined {
  let value: string | undefined;
  const args = argv.slice(2);
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] as string;
    if (arg === '--') break;
    for (const name of names) {
      const flag = `--${name}`;
      if (arg === flag) {
        const next = args[index + 1];
        // The parser reads a following `-x` as the next flag, not as this option's value; so does this.
        if (next !== undefined && !next.startsWith('-')) value = next;
      } else if (arg.startsWith(`${flag}=`)) {
        value = arg.slice(flag.length + 1);
      }
    }
  }
  return value;
}
