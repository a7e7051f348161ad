#!/usr/bin/env node
/**
 * node tests/shared/dist/cli.js [--targets a,b] [--filter pattern] [--cases DIR] [--update-expected] [--json FILE]
 *
 * Runs the shared suite on every available target (or the named ones) and
 * prints the matrix and a diff for every difference.
 * Exit status: 0 all identical, 1 differences, 2 infrastructure errors.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { defaultCasesDir, loadCases } from './cases.js';
import { formatDetails, formatMatrix } from './report.js';
import { runSuite } from './runner.js';
import { openTargets } from './targets/index.js';

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        targets: { type: 'string' },
        filter: { type: 'string' },
        'update-expected': { type: 'boolean', default: false },
        json: { type: 'string' },
        cases: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }));
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  if (values.help) {
    console.log('usage: cli.js [--targets a,b] [--filter pattern] [--update-expected] [--json FILE] [--cases DIR]');
    return 0;
  }
  const casesDir = values.cases ?? defaultCasesDir;
  const names = values.targets?.split(',').map((s) => s.trim()).filter(Boolean);
  let opened;
  try {
    opened = await openTargets(names);
  } catch (error) {
    console.error(`cannot open targets: ${(error as Error).message}`);
    return 2;
  }
  for (const s of opened.skipped) console.log(`target ${s.name} skipped: ${s.reason}`);
  if (opened.targets.length === 0) {
    console.error('no target available');
    return 2;
  }
  try {
    const cases = loadCases(casesDir, values.filter ? { filter: values.filter } : {});
    const result = await runSuite({
      cases,
      targets: opened.targets,
      ...(values['update-expected'] ? { update: { casesDir } } : {}),
    });
    const details = formatDetails(result);
    if (details.trim()) console.log(details);
    console.log(formatMatrix(result));
    const updated = result.cases.filter((c) => c.updated).map((c) => c.id);
    if (updated.length) console.log(`updated ${updated.length} expected transcript(s): ${updated.join(', ')}\nreview them before committing`);
    if (values.json) writeFileSync(values.json, `${JSON.stringify(result, null, 2)}\n`);
    return result.exitCode;
  } finally {
    for (const t of opened.targets) await t.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(error instanceof Error && 'code' in error ? `${error.name}: ${error.message}` : error);
    process.exitCode = 2;
  },
);
