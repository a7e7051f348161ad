// Adds up every package's vitest JSON report (test-results/vitest.json) and
// prints one closing line: "Tests: N passed, N failed, N skipped".
// Exits 1 if any test failed or a package that has tests left no report.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const workspaces = ['port', ...['packages', 'tests', 'firmware'].flatMap((dir) =>
  existsSync(join(root, dir)) ? readdirSync(join(root, dir)).map((name) => join(dir, name)) : [],
)];

let passed = 0, failed = 0, skipped = 0;
const missing = [];
for (const ws of workspaces) {
  const manifest = join(root, ws, 'package.json');
  if (!existsSync(manifest) || !JSON.parse(readFileSync(manifest, 'utf8')).scripts?.test) continue;
  const report = join(root, ws, 'test-results', 'vitest.json');
  if (!existsSync(report)) {
    missing.push(ws);
    continue;
  }
  const r = JSON.parse(readFileSync(report, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + r.numTodoTests;
  // A test file that failed to load counts as a failure.
  failed += r.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0).length;
}
for (const ws of missing) console.log(`no test report from ${ws} (its tests did not run)`);
console.log(`Tests: ${passed} passed, ${failed + missing.length} failed, ${skipped} skipped`);
process.exit(failed + missing.length > 0 ? 1 : 0);
