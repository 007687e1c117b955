/**
 * `pnpm bench [--quick] [--only s1,s2,s3,s4]`: runs the polling benchmark against the simulator and writes
 * bench/results.json, bench/RESULTS.md and the S1 chart (a quick run writes `*.quick.*` files beside them).
 * Targets are reported, not asserted: the exit code is 0 whether they are met or not.
 */
import { cpus, loadavg, platform, release } from 'node:os';
import { type BenchConfig, FULL_CONFIG, QUICK_CONFIG } from './config';
import { HEADLINE_CONTENDERS, s1Contenders } from './contenders';
import { renderS2, renderS3, renderS4, renderTargets } from './render-markdown';
import { renderS1 } from './render-s1';
import { outputFiles, writeReport } from './report';
import type { BenchResults } from './results';
import { analyzeS1Run, checkPopulation } from './scenarios/s1-analysis';
import { compareS1 } from './scenarios/s1-compare';
import { runS1 } from './scenarios/s1-mix';
import { analyzeS2Run } from './scenarios/s2-analysis';
import { runS2 } from './scenarios/s2-rate-limit';
import { runS3 } from './scenarios/s3-cpu';
import { runS4 } from './scenarios/s4-memory';
import { collectTargets } from './targets';

type Scenario = 's1' | 's2' | 's3' | 's4';
const SCENARIOS: readonly Scenario[] = ['s1', 's2', 's3', 's4'];

function parseArguments(argv: readonly string[]): { config: BenchConfig; scenarios: readonly Scenario[] } {
  const config = argv.includes('--quick') ? QUICK_CONFIG : FULL_CONFIG;
  const onlyIndex = argv.indexOf('--only');
  const only = onlyIndex === -1 ? undefined : argv[onlyIndex + 1];
  if (only === undefined) return { config, scenarios: SCENARIOS };
  const scenarios = only.split(',').map((name) => name.trim().toLowerCase());
  const unknown = scenarios.filter((name) => !SCENARIOS.includes(name as Scenario));
  if (unknown.length > 0)
    throw new Error(`Unknown scenario ${unknown.join(', ')}: use ${SCENARIOS.join(', ')}`);
  return { config, scenarios: scenarios as Scenario[] };
}

const log = (text: string) => process.stdout.write(`${text}\n`);
const elapsed = (since: number) => `${((Date.now() - since) / 1000).toFixed(0)} s`;

const { config, scenarios } = parseArguments(process.argv.slice(2));
const startedAt = Date.now();
const loadAverageAtStart = loadavg();
log(`asyncjob polling benchmark, ${config.mode} run: ${scenarios.join(', ')}\n`);

let s1: BenchResults['s1'];
if (scenarios.includes('s1')) {
  const scenarioStartedAt = Date.now();
  const runs = await runS1(config.s1, s1Contenders(config.s1.fixedIntervalsMs));
  const contenders = runs.map((run) => analyzeS1Run(run, config.s1.timeScale));
  s1 = {
    config: config.s1,
    population: checkPopulation(runs, config.s1.timeScale),
    contenders,
    ...compareS1(contenders),
  };
  log(renderS1(s1, outputFiles(config.mode).chart));
  log(`(S1 took ${elapsed(scenarioStartedAt)})\n`);
}

let s2: BenchResults['s2'];
if (scenarios.includes('s2')) {
  const scenarioStartedAt = Date.now();
  const runs = await runS2(config.s2, HEADLINE_CONTENDERS);
  s2 = { config: config.s2, contenders: runs.map((run) => analyzeS2Run(run, config.s2)) };
  log(renderS2(s2));
  log(`(S2 took ${elapsed(scenarioStartedAt)})\n`);
}

let s3: BenchResults['s3'];
if (scenarios.includes('s3')) {
  const scenarioStartedAt = Date.now();
  s3 = { config: config.s3, variants: await runS3(config.s3) };
  log(renderS3(s3));
  log(`(S3 took ${elapsed(scenarioStartedAt)})\n`);
}

let s4: BenchResults['s4'];
if (scenarios.includes('s4')) {
  const scenarioStartedAt = Date.now();
  s4 = { config: config.s4, rows: await runS4(config.s4) };
  log(renderS4(s4));
  log(`(S4 took ${elapsed(scenarioStartedAt)})\n`);
}

const results: BenchResults = {
  generatedAt: new Date().toISOString(),
  mode: config.mode,
  environment: {
    node: process.version,
    platform: `${platform()} ${release()}`,
    cpus: cpus().length,
    loadAverageAtStart,
    loadAverageAtEnd: loadavg(),
  },
  wallSeconds: (Date.now() - startedAt) / 1000,
  ...(s1 ? { s1 } : {}),
  ...(s2 ? { s2 } : {}),
  ...(s3 ? { s3 } : {}),
  ...(s4 ? { s4 } : {}),
  targets: collectTargets({
    ...(s1 ? { s1 } : {}),
    ...(s2 ? { s2: s2.contenders } : {}),
    ...(s3 ? { s3: s3.variants } : {}),
    ...(s4 ? { s4: s4.rows } : {}),
  }),
};
log(renderTargets(results));
const written = await writeReport(results);
log(`Wrote ${written.join(', ')} in ${Math.round(results.wallSeconds)} s.`);
