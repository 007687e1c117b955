/** The command names `asyncjob` knows, in help order. */
export const COMMAND_NAMES = ['status', 'wait', 'submit', 'resume', 'jobs', 'simulate', 'demo'] as const;

/** One of the commands. */
export type CommandName = (typeof COMMAND_NAMES)[number];

const CONFIG_OPTION =
  '  --config <file.json>  Provider configs: a JSON array, or { "providers": [...] } (default: environment)';
const JSON_OPTIONS = [
  '  --json                One JSON object per line on stdout: a job (dates as ISO strings) or',
  '                        {"ref", "error": {"kind", "code", "message", "httpStatus", "requestId"}}',
  '  --raw                 With --json, keep the vendor\'s wire object as "raw"',
];
const TIMEOUT_OPTION =
  '  --timeout <duration>  Per-job deadline: 500ms, 3s, 10m, 1h; a bare number is seconds (default: 10m)';

const STORE_OPTION = [
  '  --store <file>        Record every job and its outcome in this SQLite file (created when missing), so',
  '                        that asyncjob resume --store <file> continues what a wait left unsettled',
];

const EXIT_CODES_SECTION = [
  'Exit codes:',
  "  0    every job succeeded (status, and submit without --wait: the request worked, whatever the job's status)",
  '  1    a job failed or was cancelled',
  '  2    usage or config error: bad flag, ref, --data or config; input refused before any request',
  '  3    request error: unauthorized, forbidden, not found, conflict, rate limited, server, network ...',
  '  4    the --timeout passed before a job finished',
  '  130  interrupted (Ctrl+C or SIGTERM)',
  '  With several jobs the most serious wins, in this order: 130 > 2 > 3 > 4 > 1 > 0.',
];

const ENVIRONMENT_SECTION = [
  'Environment (a provider is configured when its variables are set):',
  '  REVOR_API_KEY, REVOR_BASE_URL',
  '  OUTX_API_KEY, OUTX_BASE_URL',
  '  ORATION_API_KEY, ORATION_WORKSPACE_SLUG or ORATION_WORKSPACE_ID, ORATION_TOKEN, ORATION_BASE_URL',
  '  REVKEEN_API_KEY, REVKEEN_BASE_URL',
  '  http:// base URLs are accepted for loopback hosts only. API keys are never printed.',
];

const REFS_SECTION = ['Refs: revor:<jobId>  outx:<taskId>  oration:<jobId>  revkeen:<automationId>/<runId>'];

const COMMAND_HELP: Record<CommandName, readonly string[]> = {
  status: [
    'Usage: asyncjob status <ref> [--json] [--raw] [--config <file.json>]',
    '',
    'Looks a job up once and prints it (a failed job is still a successful lookup).',
    '',
    'Options:',
    ...JSON_OPTIONS,
    CONFIG_OPTION,
    '',
    'Example: asyncjob status revor:4f1c2d7e-0b1a-4c55-9a51-3b2f8e6d9c10',
  ],
  wait: [
    'Usage: asyncjob wait <ref>... [--timeout 10m] [--store <file>] [--json] [--raw] [--config <file.json>]',
    '',
    'Polls every ref, across vendors, with one tracker until each has finished; prints each job as it',
    'settles. Progress (counts per status) goes to stderr: a spinner on a terminal, plain lines otherwise.',
    'With --store, each ref is recorded before its first check and each outcome before it is printed; a ref',
    'the file already holds an outcome for is printed from it. A job that runs out of time, or that Ctrl+C',
    'cuts short, stays unsettled in the file: asyncjob resume --store <file> continues it.',
    '',
    'Options:',
    TIMEOUT_OPTION,
    ...STORE_OPTION,
    ...JSON_OPTIONS,
    CONFIG_OPTION,
    '',
    'Example: asyncjob wait outx:0c5e… revkeen:64fb…/ba9d… --timeout 5m --store jobs.db --json',
  ],
  submit: [
    'Usage: asyncjob submit <provider> <operation> --data <json> [--idempotency-key K] [--wait] [--timeout 10m]',
    '       [--store <file>] [--json] [--raw] [--config <file.json>]',
    '',
    "Creates a job through the adapter's generic submit; the input is checked against the operation's",
    'schema before any request. With --wait, tracks the created job until it finishes.',
    '',
    'Operations:',
    '  revor    dispatch, post-like',
    '  outx     fetch-profile, fetch-connections, send-connection-request, send-message, like-post,',
    '           search-profiles',
    '  oration  customers-batch',
    '  revkeen  run',
    '',
    'Options:',
    "  --data <json>            The operation's input, as JSON (required)",
    '  --idempotency-key <key>  Sent as Idempotency-Key (revor, revkeen; the others have none)',
    '  --wait                   Wait for the created job; exit codes as for wait',
    TIMEOUT_OPTION,
    '  --store <file>           With --wait: record the created job in this SQLite file before it is',
    '                           printed; asyncjob resume --store <file> continues it (see wait --help)',
    ...JSON_OPTIONS,
    CONFIG_OPTION,
    '',
    'Example: asyncjob submit outx fetch-profile --data \'{"profileSlug":"williamhgates"}\' --wait',
  ],
  resume: [
    'Usage: asyncjob resume --store <file> [--timeout 10m] [--json] [--raw] [--config <file.json>]',
    '',
    'Continues every job the store holds unsettled (recorded by wait --store or submit --wait --store and',
    'cut short by a timeout, Ctrl+C or a crash) with one tracker, and prints each job as it settles, as',
    'wait does. Each resumed job gets a new deadline of --timeout from now. Outcomes recorded by a wait',
    'that stopped before printing them are printed first. Exits 0 when nothing was unsettled. The config',
    'must cover the providers of the recorded refs.',
    '',
    'Options:',
    '  --store <file>        The job store to continue (required; it must exist)',
    TIMEOUT_OPTION,
    ...JSON_OPTIONS,
    CONFIG_OPTION,
    '',
    'Example: asyncjob resume --store jobs.db --timeout 30m',
  ],
  jobs: [
    'Usage: asyncjob jobs --store <file> [--json]',
    '',
    'Lists every job recorded in the store, oldest first, one line each: a settled job as wait prints it,',
    'an error as "<ref>  error  <kind>: <message>", an unsettled job as "<ref>  <last status>  unsettled".',
    'Makes no request. Exits 0, or 2 when the file is missing, damaged or of a newer schema.',
    '',
    'Options:',
    '  --store <file>        The job store to read (required; it must exist)',
    '  --json                One JSON object per line on stdout: {"ref", "provider", "operation", "status",',
    '                        "rawStatus", "settled", "settledAt", "updatedAt", "failure", "error"}',
    '',
    'Example: asyncjob jobs --store jobs.db --json',
  ],
  simulate: [
    'Usage: asyncjob simulate [--port N] [--seed N]',
    '',
    'Runs a local server that behaves like the four vendors until Ctrl+C. Prints the base URLs, and on',
    "stdout the export lines that point asyncjob at it (the simulator's public test keys).",
    '',
    'Options:',
    '  --port <n>  Port on 127.0.0.1 (default: a free one)',
    '  --seed <n>  Seed of every random choice, to replay a run (default: random)',
  ],
  demo: [
    'Usage: asyncjob demo [--seed N]',
    '',
    'Starts the simulator on a free port, creates a mix of jobs on all four vendors, forces a few failures,',
    'waits for all of them with one tracker while showing progress, and prints a summary per vendor:',
    'jobs, outcomes, requests made and how long completion took to detect. Takes about 15 seconds.',
    '',
    'Options:',
    '  --seed <n>  Seed of the simulator (default: 7)',
  ],
};

/** The help of one command. */
export function commandHelp(name: CommandName): string {
  return [...COMMAND_HELP[name], '', ...EXIT_CODES_SECTION].join('\n');
}

/** The overall help. */
export function globalHelp(version: string): string {
  return [
    `asyncjob ${version}: check, wait for and submit async jobs at Revor, OutX, Oration and RevKeen.`,
    '',
    'Usage:',
    '  asyncjob status <ref> [--json] [--raw]                        Look a job up once',
    '  asyncjob wait <ref>... [--timeout 10m] [--store <file>]       Wait until every job has finished',
    '  asyncjob submit <provider> <operation> --data <json> [--wait]  Create a job',
    '  asyncjob resume --store <file> [--timeout 10m] [--json]       Continue the unsettled jobs of a store',
    '  asyncjob jobs --store <file> [--json]                         List the jobs recorded in a store',
    '  asyncjob simulate [--port N] [--seed N]                       Run the vendor simulator',
    '  asyncjob demo                                                 Simulator + jobs on four vendors + summary',
    '',
    "Run asyncjob <command> --help for a command's options. Every command that reads config takes",
    '--config <file.json> (a JSON array of provider configs, or { "providers": [...] }).',
    '',
    ...REFS_SECTION,
    '',
    ...ENVIRONMENT_SECTION,
    '',
    ...EXIT_CODES_SECTION,
  ].join('\n');
}
