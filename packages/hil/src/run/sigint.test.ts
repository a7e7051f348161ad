/**
 * SIGINT during `hil run` (README "Ctrl-C"; issue 9): the CLI, started on a
 * suite that takes a while (slow cases in a temporary cases folder, on two
 * host targets), gets SIGINT once cases have started. It must exit with the
 * documented code (2: results incomplete), within a bound, with results.json,
 * junit.xml and report.html written and saying the run was interrupted;
 * cases that ran keep their verdicts, the rest are skipped as interrupted.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startNode } from '../util/testing-processes.js';

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CASES = 40;

function slowSuite(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hil-slow-cases-'));
  mkdirSync(join(dir, 'slow'));
  for (let i = 1; i <= CASES; i++) {
    const n = 2_000_000 + i * 1000;
    const id = `c${String(i).padStart(2, '0')}`;
    writeFileSync(
      join(dir, 'slow', `${id}.js`),
      `/*---\ndescription: a slow case (${n} iterations)\nsteps:\n  - call: 0\n    args: [${n}]\n---*/\nvmExport(0, (n) => { let s = 0; for (let i = 0; i < n; i++) s = (s + i) | 0; return s; });\n`,
    );
    let s = 0;
    for (let k = 0; k < n; k++) s = (s + k) | 0;
    writeFileSync(join(dir, 'slow', `${id}.expected`), `return ${s}\n`);
  }
  return dir;
}

describe('hil run interrupted by SIGINT', () => {
  it('exits 2 with the JSON, JUnit and HTML reports written and saying the run was interrupted', async () => {
    const cases = slowSuite();
    const out = mkdtempSync(join(tmpdir(), 'hil-sigint-'));
    const run = startNode(join(pkg, 'dist', 'cli.js'), [
      'run', '--cases', cases, '--targets', 'wasm-node', 'native', '--out', out, '--progress', 'plain', '--state-dir', join(out, 'state'),
    ]);
    const { child, exited } = run;
    // Both targets ready, so cases are running: then Ctrl-C.
    await run.waitFor(/wasm-node: ready[\s\S]*native: ready|native: ready[\s\S]*wasm-node: ready/, 60_000);
    const stdout0 = run.stdout();
    expect(stdout0).toMatch(/native: ready/);
    await new Promise((r) => setTimeout(r, 1500));
    const sentAt = Date.now();
    child.kill('SIGINT');
    const guard = setTimeout(() => child.kill('SIGKILL'), 60_000);
    const { code, signal } = await exited;
    clearTimeout(guard);
    const stopMs = Date.now() - sentAt;
    const stdout = run.stdout();
    const stderr = run.stderr();
    console.log(`SIGINT: exit ${code} after ${stopMs} ms`);

    expect(signal, `${stdout}\n${stderr}`).toBe(null);
    expect(code, `${stdout}\n${stderr}`).toBe(2);
    expect(stopMs).toBeLessThan(30_000); // running cases finish (each well under a second), the rest are skipped
    expect(stderr).toMatch(/SIGINT: finishing the running cases and writing the report/);
    expect(stdout).toMatch(/\(interrupted\)/);

    for (const f of ['results.json', 'junit.xml', 'report.html']) expect(existsSync(join(out, f)), f).toBe(true);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as {
      interrupted: boolean;
      summary: { exitCode: number; pass: number; skip: number; fail: number };
      outcomes: { caseId: string; target: string; verdict: string; error?: string; transcript?: string[]; expected?: string[] }[];
    };
    expect(results.interrupted).toBe(true);
    expect(results.summary.exitCode).toBe(2);
    expect(results.outcomes).toHaveLength(CASES * 2);
    // It really was interrupted mid-run: some cases ran, some did not.
    expect(results.summary.pass).toBeGreaterThan(0);
    expect(results.summary.skip).toBeGreaterThan(0);
    expect(results.summary.fail).toBe(0);
    for (const o of results.outcomes) {
      if (o.verdict === 'pass') expect(o.transcript).toEqual(o.expected);
      else {
        expect(o.verdict, `${o.caseId} on ${o.target}: ${o.error}`).toBe('skip');
        expect(o.error).toMatch(/interrupted/);
      }
    }
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toMatch(/<b>interrupted<\/b>/);
    const junit = readFileSync(join(out, 'junit.xml'), 'utf8');
    // JUnit says it in every case that did not run (it has no run-level field for it).
    const skipped = junit.match(/<skipped[^>]*>/g) ?? [];
    expect(skipped.length).toBe(results.summary.skip);
    for (const s of skipped) expect(s).toMatch(/interrupted/);
  }, 120_000);
});
