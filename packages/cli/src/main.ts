import { cac } from 'cac';
import { err, ok, type Result } from 'neverthrow';
import { version } from '../package.json';
import type { CliIo } from './cli-io';
import { type DemoSettings, demoCommand } from './commands/demo';
import { jobsCommand } from './commands/jobs';
import { resumeCommand } from './commands/resume';
import { simulateCommand } from './commands/simulate';
import { statusCommand } from './commands/status';
import { submitCommand } from './commands/submit';
import { type WaitSettings, waitCommand } from './commands/wait';
import { EXIT_CODES, type ExitCode } from './exit-code';
import { COMMAND_NAMES, type CommandName, commandHelp, globalHelp } from './help';
import {
  booleanFlag,
  dataFlag,
  integerFlag,
  type ParsedFlags,
  requiredStoreFlag,
  storeFlag,
  textFlag,
  timeoutFlag,
} from './parse-flags';

/** What tests and embedders may tune beyond the flags. */
export interface MainOptions extends WaitSettings {
  /** Settings of `demo` (a faster clock in tests). */
  readonly demo?: DemoSettings;
}

type Action = (argv: readonly string[], flags: ParsedFlags, args: readonly unknown[]) => Promise<ExitCode>;

/**
 * Runs `asyncjob` with `argv` (as `process.argv`: node, script, then the arguments) and returns the exit code.
 * It never exits the process and never throws for bad input: usage errors print one line and return 2.
 */
export async function main(argv: readonly string[], io: CliIo, options: MainOptions = {}): Promise<ExitCode> {
  const cli = cac('asyncjob');
  const actions = new Map<CommandName, Action>();
  const define = (name: CommandName, rawName: string, action: Action) => {
    actions.set(name, action);
    return cli.command(rawName).action(() => undefined);
  };
  cli.option('-h, --help', 'Show help').option('-v, --version', 'Show the version');

  define('status', 'status <ref>', (args, flags, [ref]) =>
    statusCommand({ ref: String(ref), ...formatFlags(flags), config: textFlag(args, flags, 'config') }, io),
  )
    .option('--json', '')
    .option('--raw', '')
    .option('--config <file>', '');

  define('wait', 'wait <...refs>', (args, flags, [refs]) =>
    withFlag(combine(timeoutFlag(args, flags), storeFlag(args, flags)), io, ([timeoutMs, store]) =>
      waitCommand(
        {
          refs: (refs as unknown[]).map(String),
          timeoutMs,
          ...formatFlags(flags),
          config: textFlag(args, flags, 'config'),
          store,
        },
        io,
        options,
      ),
    ),
  )
    .option('--timeout <duration>', '')
    .option('--store <file>', '')
    .option('--json', '')
    .option('--raw', '')
    .option('--config <file>', '');

  define('submit', 'submit <provider> <operation>', (args, flags, [provider, operation]) =>
    withFlag(
      combine(
        combine(timeoutFlag(args, flags), dataFlag(args, flags)),
        storeFlag(args, flags).andThen((store) =>
          store !== undefined && !booleanFlag(flags, 'wait')
            ? err('--store records the job that --wait tracks; add --wait')
            : ok(store),
        ),
      ),
      io,
      ([[timeoutMs, data], store]) =>
        submitCommand(
          {
            provider: String(provider),
            operation: String(operation),
            data,
            idempotencyKey: textFlag(args, flags, 'idempotency-key'),
            wait: booleanFlag(flags, 'wait'),
            timeoutMs,
            ...formatFlags(flags),
            config: textFlag(args, flags, 'config'),
            store,
          },
          io,
          options,
        ),
    ),
  )
    .option('--data <json>', '')
    .option('--idempotency-key <key>', '')
    .option('--wait', '')
    .option('--timeout <duration>', '')
    .option('--store <file>', '')
    .option('--json', '')
    .option('--raw', '')
    .option('--config <file>', '');

  define('resume', 'resume', (args, flags) =>
    withFlag(
      combine(timeoutFlag(args, flags), requiredStoreFlag(args, flags, 'resume')),
      io,
      ([timeoutMs, store]) =>
        resumeCommand(
          {
            store,
            timeoutMs,
            ...formatFlags(flags),
            config: textFlag(args, flags, 'config'),
          },
          io,
          options,
        ),
    ),
  )
    .option('--store <file>', '')
    .option('--timeout <duration>', '')
    .option('--json', '')
    .option('--raw', '')
    .option('--config <file>', '');

  define('jobs', 'jobs', (args, flags) =>
    withFlag(requiredStoreFlag(args, flags, 'jobs'), io, (store) =>
      jobsCommand({ store, json: booleanFlag(flags, 'json') }, io),
    ),
  )
    .option('--store <file>', '')
    .option('--json', '');

  define('simulate', 'simulate', (args, flags) =>
    withFlag(
      combine(
        integerFlag(args, flags, 'port', { min: 0, max: 65_535 }),
        integerFlag(args, flags, 'seed', { min: 0, max: 4_294_967_295 }),
      ),
      io,
      ([port, seed]) => simulateCommand({ port, seed }, io),
    ),
  )
    .option('--port <n>', '')
    .option('--seed <n>', '');

  define('demo', 'demo', (args, flags) =>
    withFlag(integerFlag(args, flags, 'seed', { min: 0, max: 4_294_967_295 }), io, (seed) =>
      demoCommand({ seed }, io, options.demo),
    ),
  ).option('--seed <n>', '');

  let flags: ParsedFlags;
  let args: readonly unknown[];
  try {
    ({ options: flags, args } = cli.parse([...argv], { run: false }));
  } catch (error) {
    return usageError(io, (error as Error).message);
  }
  const name = cli.matchedCommandName as CommandName | undefined;
  if (flags.help) {
    io.stdout.write(`${name ? commandHelp(name) : globalHelp(version)}\n`);
    return EXIT_CODES.ok;
  }
  if (flags.version && !name) {
    io.stdout.write(`${version}\n`);
    return EXIT_CODES.ok;
  }
  if (!name) {
    if (args[0] === undefined) {
      io.stderr.write(`${globalHelp(version)}\n`);
      return EXIT_CODES.usage;
    }
    return usageError(io, `unknown command "${String(args[0])}" (commands: ${COMMAND_NAMES.join(', ')})`);
  }
  try {
    // Checks unknown options, missing arguments and option values; the action itself is a no-op.
    cli.runMatchedCommand();
  } catch (error) {
    return usageError(io, (error as Error).message, name);
  }
  const action = actions.get(name) as Action;
  const positional = cli.matchedCommand?.args.map((arg, index) =>
    arg.variadic ? args.slice(index) : args[index],
  );
  return action(argv, flags, positional ?? []);
}

function formatFlags(flags: ParsedFlags): { json: boolean; raw: boolean } {
  return { json: booleanFlag(flags, 'json'), raw: booleanFlag(flags, 'raw') };
}

function combine<A, B>(first: Result<A, string>, second: Result<B, string>): Result<[A, B], string> {
  return first.andThen((a) => second.map((b): [A, B] => [a, b]));
}

async function withFlag<T>(
  parsed: Result<T, string>,
  io: CliIo,
  run: (value: T) => Promise<ExitCode>,
): Promise<ExitCode> {
  return parsed.match(run, async (message) => usageError(io, message));
}

function usageError(io: CliIo, message: string, command?: CommandName): ExitCode {
  const help = command ? `asyncjob ${command} --help` : 'asyncjob --help';
  io.stderr.write(`asyncjob: ${message.replace(/`/g, '"').replace(/\.$/, '')}. See: ${help}\n`);
  return EXIT_CODES.usage;
}
