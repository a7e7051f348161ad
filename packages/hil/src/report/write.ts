/**
 * Writes a run's report files into one folder (README "Report files"):
 * `results.json` (+ `results.schema.json`), `junit.xml`, `report.html`.
 * Each file is written to a temporary name and renamed, so an interrupted
 * write never leaves half a report.
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { htmlReport } from './html.js';
import { junitXml } from './junit.js';
import { resultsJson, resultsJsonSchema } from './json.js';
import type { RunResults } from './results.js';

export const REPORT_FILES = {
  json: 'results.json',
  schema: 'results.schema.json',
  junit: 'junit.xml',
  html: 'report.html',
} as const;

async function writeAtomic(file: string, text: string): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, text);
  await rename(tmp, file);
}

export async function writeReports(results: RunResults, outDir: string, opts: Parameters<typeof htmlReport>[1] = {}): Promise<Record<keyof typeof REPORT_FILES, string>> {
  await mkdir(outDir, { recursive: true });
  const paths = Object.fromEntries(Object.entries(REPORT_FILES).map(([k, f]) => [k, join(outDir, f)])) as Record<keyof typeof REPORT_FILES, string>;
  await writeAtomic(paths.json, resultsJson(results));
  await writeAtomic(paths.schema, `${JSON.stringify(resultsJsonSchema(), null, 2)}\n`);
  await writeAtomic(paths.junit, junitXml(results));
  await writeAtomic(paths.html, htmlReport(results, opts));
  return paths;
}
