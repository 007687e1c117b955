import { formatNumber, markdownTable } from './markdown-table';
import type { BenchResults } from './results';
import { S1_JOB_KINDS } from './scenarios/s1-population';
import { formatRatio, formatSeconds } from './targets';

/** The S1 section of RESULTS.md. */
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
      formatNumber(result.requestsPerJob),
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
        return entry ? `${formatNumber(entry.requestsPerJob)} · ${formatSeconds(entry.delayMs.p95)}` : 'n/a';
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
      formatNumber(comparison.requestsPerJob),
      `${formatNumber(comparison.curveRequestsPerJob)}${comparison.extrapolated ? ' (extended)' : ''}`,
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
  const counted = s1.contenders.every((result) => result.requests === result.serverLookups);
  const createFailures = s1.contenders.reduce((sum, result) => sum + result.createFailures, 0);
  return [
    '## S1: a realistic mix',
    '',
    `${population.jobs} jobs, the same for every contender (same fates: ${population.sameFates ? 'yes' : 'NO'}; the ` +
      `largest difference between two runs in a seed-determined duration: ${formatSeconds(population.maxDurationGapMs, 2)}; ` +
      `the latest a create went out after its planned time, the Revor batch being created one task after another at ` +
      `time 0: ${formatSeconds(population.maxCreateLateMs, 2)}). ` +
      `Times are the vendor's: the run was compressed ${Math.round(1 / scale)}× (time scale ${scale}) and every ` +
      'delay was divided by the scale. Delay is from the job really finishing to the contender holding its ' +
      `terminal snapshot. Lookups counted by the clients match the simulator's count for every contender: ` +
      `${counted ? 'yes' : 'NO'}; creates that failed: ${createFailures}.`,
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
