import type { BenchResults } from './results';
import { S1_JOB_KINDS } from './scenarios/s1-population';
import { formatRatio, formatSeconds } from './targets';

/** A Markdown table with padded columns (the layout Biome's formatter gives); cells are escaped for pipes. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const escaped = [header, ...rows].map((cells) => cells.map((cell) => cell.replace(/\|/g, '\\|')));
  const widths = header.map((_, column) =>
    Math.max(3, ...escaped.map((cells) => (cells[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    `| ${widths.map((width, column) => (cells[column] ?? '').padEnd(width)).join(' | ')} |`;
  const [head = [], ...body] = escaped;
  return [line(head), line(widths.map((width) => '-'.repeat(width))), ...body.map(line)].join('\n');
}

const number = (value: number, digits = 2) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');

export function renderTargets(results: BenchResults): string {
  const rows = results.targets.map((line) => [
    line.scenario,
    line.subject,
    line.target,
    line.measured,
    line.verdict,
  ]);
  const misses = results.targets.filter((line) => line.verdict === 'MISS');
  const summary =
    misses.length === 0
      ? 'Every target was met.'
      : `${misses.length} of ${results.targets.length} targets were missed:\n\n${misses
          .map(
            (line) =>
              `- ${line.scenario}, ${line.subject}: target ${line.target}, measured ${line.measured}.`,
          )
          .join('\n')}`;
  return `## Targets\n\n${markdownTable(['scenario', 'what', 'target', 'measured', 'verdict'], rows)}\n\n${summary}\n`;
}

export function renderS1(s1: NonNullable<BenchResults['s1']>, chartFile: string): string {
  const scale = s1.config.timeScale;
  const main = markdownTable(
    [
      'contender',
      'role',
      'seen / jobs',
      'requests per job',
      'delay p50',
      'delay p95',
      'delay max',
      'what it is',
    ],
    s1.contenders.map((result) => [
      result.name,
      result.role,
      `${result.seen} / ${result.jobs}`,
      number(result.requestsPerJob),
      formatSeconds(result.delayMs.p50, 2),
      formatSeconds(result.delayMs.p95, 2),
      formatSeconds(result.delayMs.max, 2),
      result.description,
    ]),
  );
  const byKind = markdownTable(
    [
      'contender',
      ...S1_JOB_KINDS.map(
        (kind) => `${kind} (${s1.contenders[0]?.byKind.find((entry) => entry.kind === kind)?.jobs ?? 0})`,
      ),
    ],
    s1.contenders.map((result) => [
      result.name,
      ...S1_JOB_KINDS.map((kind) => {
        const entry = result.byKind.find((candidate) => candidate.kind === kind);
        return entry ? `${number(entry.requestsPerJob)} · ${formatSeconds(entry.delayMs.p95)}` : 'n/a';
      }),
    ]),
  );
  const curve = markdownTable(
    [
      'ours',
      'p95 delay',
      'requests per job',
      'fixed interval at that p95',
      'ratio',
      'best possible ratio',
      'verdict',
    ],
    s1.curve.map((comparison) => [
      comparison.contender,
      formatSeconds(comparison.p95DelayMs, 2),
      number(comparison.requestsPerJob),
      `${number(comparison.curveRequestsPerJob)}${comparison.extrapolated ? ' (extended)' : ''}`,
      formatRatio(comparison.ratio),
      formatRatio(comparison.floorRatio),
      comparison.verdict,
    ]),
  );
  const peers = markdownTable(
    ['ours', 'peer (defaults)', 'requests ratio', 'our p95', 'peer p95', 'verdict'],
    s1.peers.map((comparison) => [
      comparison.contender,
      comparison.peer,
      formatRatio(comparison.ratio),
      formatSeconds(comparison.p95DelayMs, 2),
      formatSeconds(comparison.peerP95DelayMs, 2),
      comparison.verdict,
    ]),
  );
  const contendersByKind = [...new Set(s1.byKind.map((comparison) => comparison.contender))];
  const savings = markdownTable(
    ['contender', ...S1_JOB_KINDS],
    contendersByKind.map((contender) => [
      contender,
      ...S1_JOB_KINDS.map((kind) => {
        const comparison = s1.byKind.find((entry) => entry.contender === contender && entry.kind === kind);
        if (!comparison) return 'n/a';
        const extended = comparison.extrapolated ? ', curve extended' : '';
        return `${formatRatio(comparison.ratio)} (best ${formatRatio(comparison.floorRatio)}${extended})`;
      }),
    ]),
  );
  const population = s1.population;
  return [
    '## S1: a realistic mix',
    '',
    `${population.jobs} jobs, the same for every contender (same fates: ${population.sameFates ? 'yes' : 'NO'}; the ` +
      `largest difference between two runs in a seed-determined duration: ${formatSeconds(population.maxDurationGapMs, 2)}; ` +
      `the latest a job was created after its planned time: ${formatSeconds(population.maxCreateLateMs, 2)}). ` +
      `Times are the vendor's: the run was compressed ${Math.round(1 / scale)}× (time scale ${scale}) and every ` +
      'delay was divided by the scale. Delay is from the job really finishing to the contender holding its ' +
      'terminal snapshot.',
    '',
    main,
    '',
    '### Per kind of job: requests per job · p95 delay',
    '',
    byKind,
    '',
    '### At equal delay: against the fixed-interval curve',
    '',
    'A fixed-interval poller gets cheaper as its interval grows, and slower. The curve is the fixed-interval runs ' +
      'above; each of our pollers is compared with the curve read at its own p95 delay (log-log interpolation between ' +
      "the two nearest intervals). The best possible ratio is the oracle's one request per job over the same reading: " +
      'no schedule can go below it at that delay.',
    '',
    curve,
    '',
    '### Where the savings come from: each kind of job against its own fixed-interval curve',
    '',
    "Requests per job over what a fixed interval costs on the same kind of job at the contender's p95 delay on " +
      "that kind; below 1× is cheaper. In brackets, the oracle's ratio at the same reading: the best possible.",
    '',
    savings,
    '',
    '### Against each peer at its defaults',
    '',
    peers,
    '',
    `![S1: requests per job against p95 delay](./${chartFile})`,
    '',
  ].join('\n');
}

export function renderS2(s2: NonNullable<BenchResults['s2']>): string {
  const { config } = s2;
  const table = markdownTable(
    [
      'contender',
      '429s',
      'lookups',
      'lookups per job',
      'seen / jobs',
      'makespan',
      'lower bound',
      'ratio',
      'verdict',
    ],
    s2.contenders.map((result) => [
      result.name,
      String(result.rateLimited),
      String(result.lookups),
      number(result.lookups / result.jobs),
      `${result.seen} / ${result.jobs}`,
      formatSeconds(result.makespanMs),
      formatSeconds(result.lowerBoundMs),
      formatRatio(result.makespanRatio),
      result.makespanVerdict,
    ]),
  );
  return [
    '## S2: a rate limit',
    '',
    `${config.jobs.toLocaleString('en-US')} Revor tasks (median run ${formatSeconds(config.runMedianMs, 0)}) on one ` +
      `key limited to ${config.limit} requests per ${config.windowMs} ms, in real time. The harness creates the tasks within the limit (not counted), waits one ` +
      'window, then hands them all to the contender. Makespan runs from the hand-over to the last task seen ' +
      'finished; the lower bound is the earliest any poller could see them all, one lookup per task at or after ' +
      `its real finish, within the limit. Contenders still waiting after ${formatSeconds(config.capMs, 0)} are stopped.`,
    '',
    table,
    '',
  ].join('\n');
}

export function renderS3(s3: NonNullable<BenchResults['s3']>): string {
  const table = markdownTable(
    ['variant', 'CPU per poll (median)', 'rounds (µs)', 'vs raw fetch', 'verdict', 'what it is'],
    s3.variants.map((variant) => [
      variant.name,
      `${variant.microsPerPoll.toFixed(0)} µs`,
      variant.microsPerPollRounds.map((value) => value.toFixed(0)).join(', '),
      formatRatio(variant.ratio),
      variant.verdict ?? '',
      variant.description,
    ]),
  );
  return [
    '## S3: client CPU per poll',
    '',
    `${s3.config.polls.toLocaleString('en-US')} polls per round, ${s3.config.concurrency} in flight, ` +
      `${s3.config.rounds} rounds taken in turn across the variants, of jobs that stay running; ` +
      '`process.cpuUsage()` (user + system) of the client process only (the simulator runs in its own).',
    '',
    table,
    '',
  ].join('\n');
}

export function renderS4(s4: NonNullable<BenchResults['s4']>): string {
  const table = markdownTable(
    ['variant', 'jobs', 'heap per job', 'verdict'],
    s4.rows.map((row) => [
      row.variant,
      row.jobs.toLocaleString('en-US'),
      `${row.bytesPerJob.toFixed(0)} B (${(row.bytesPerJob / 1024).toFixed(2)} KiB)`,
      row.verdict ?? '',
    ]),
  );
  return [
    '## S4: heap per tracked job',
    '',
    'Each row is a fresh `node --expose-gc` process: heap used after two full collections, before and after ' +
      'tracking the jobs, divided by their number. `refs`: tracked by ref through a client that never answers ' +
      '(nothing is polled); `snapshots`: tracked with a create response in hand, scheduled a day later, which the ' +
      'tracker keeps; `snapshots-alone`: the same snapshots in an array without a tracker, to separate the two.',
    '',
    table,
    '',
  ].join('\n');
}

/** The whole of RESULTS.md. */
export function renderDocument(results: BenchResults, chartFile: string): string {
  const environment = results.environment;
  const load = (values: readonly number[]) => values.map((value) => value.toFixed(1)).join(' / ');
  const header = [
    '# Polling benchmark results',
    '',
    `Generated by \`pnpm bench${results.mode === 'quick' ? ' --quick' : ''}\` on ${results.generatedAt} in ` +
      `${Math.round(results.wallSeconds)} s: Node ${environment.node}, ${environment.platform}, ` +
      `${environment.cpus} CPUs, load average (1 / 5 / 15 min) ${load(environment.loadAverageAtStart)} at the ` +
      `start and ${load(environment.loadAverageAtEnd)} at the end. A busy machine adds to every delay below, ` +
      "the oracle's included: the oracle's delay is this harness's floor.",
    '',
    'Every contender runs against its own simulator started with the same seed and gets the same jobs at the same ' +
      'times; the contenders of a scenario run at the same time, each in its own process (started a few ' +
      'milliseconds apart), and the simulators in processes of their own. Peers are used through their published ' +
      'packages. Nothing is tuned per contender: each runs at its defaults, with every time-based default scaled ' +
      'by the same factor when time is compressed.',
    '',
  ].join('\n');
  return [
    header,
    renderTargets(results),
    results.s1 ? renderS1(results.s1, chartFile) : '',
    results.s2 ? renderS2(results.s2) : '',
    results.s3 ? renderS3(results.s3) : '',
    results.s4 ? renderS4(results.s4) : '',
  ]
    .filter((part) => part !== '')
    .join('\n');
}
