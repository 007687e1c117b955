import { writeFile } from 'node:fs/promises';
import { renderS1Chart } from './chart';
import { renderDocument } from './render-markdown';
import type { BenchResults } from './results';

const BENCH_DIR = new URL('../', import.meta.url);

/** Where a run writes: the full run's files are the committed ones, a quick run's sit beside them. */
export function outputFiles(mode: BenchResults['mode']) {
  const suffix = mode === 'quick' ? '.quick' : '';
  return {
    json: `results${suffix}.json`,
    markdown: `RESULTS${suffix}.md`,
    chart: `s1-requests-vs-delay${suffix}.svg`,
  };
}

/** Writes results.json, RESULTS.md and the S1 chart into bench/; returns the paths written. */
export async function writeReport(results: BenchResults): Promise<string[]> {
  const files = outputFiles(results.mode);
  const written: string[] = [];
  const write = async (name: string, content: string) => {
    const url = new URL(name, BENCH_DIR);
    await writeFile(url, content);
    written.push(`bench/${name}`);
  };
  await write(files.json, `${JSON.stringify(results, null, 2)}\n`);
  await write(files.markdown, renderDocument(results, files.chart));
  if (results.s1) await write(files.chart, renderS1Chart(results.s1.contenders, results.s1.config.timeScale));
  return written;
}
