// The addon's engine layer (c/mvn_core.c with the shared glue and the
// engine; test/harness/harness.c instead of Node-API) under AddressSanitizer
// and UndefinedBehaviorSanitizer, over the snapshot of every shared case and
// over thousands of mutated snapshots.
//
// Suppressions, each one justified in its file: test/harness/ubsan.supp
// (three classes of engine defect, limited to microvium.c); the ASan file,
// test/harness/asan.supp, is empty now (the port copies with memmove). Only the UBSan checks named there are built recoverable, so
// only they can be suppressed; every other report stops the harness with a
// non-zero status.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileGuest } from '@mvtk/compiler';
import { buildHarness } from './harness/build-harness.mjs';
import { mutants } from './fuzz/corpus.mjs';
import { seedSources } from './fuzz/seeds.mjs';
import { pkgDir, removeTemporaryDirs, temporaryDir } from './helpers.js';

const casesDir = join(pkgDir, '..', '..', 'tests', 'shared', 'cases');
const harnessDir = join(pkgDir, 'test', 'harness');
const MUTANTS = 4000;
/** What a sanitizer prints when it finds something. */
const REPORT = /(ERROR|WARNING): (Address|Leak|UndefinedBehavior)Sanitizer|runtime error:|SUMMARY: \w+Sanitizer/;

let harness: string;
let work: string;
let caseFiles: { file: string; name: string; expectsFatal: boolean }[];
let mutantFiles: string[];

beforeAll(() => {
  harness = buildHarness({
    sanitize: 'address,undefined',
    extraFlags: ['-fsanitize-recover=alignment,pointer-overflow'],
  });
  work = temporaryDir('mvn-asan-');
  // Every case of the shared suite: the guest source is the whole .js file.
  caseFiles = [];
  const seeds = seedSources.map((s) => compileGuest(s).bytes);
  for (const group of readdirSync(casesDir).sort()) {
    for (const f of readdirSync(join(casesDir, group)).sort()) {
      if (!f.endsWith('.js')) continue;
      const name = `${group}/${f.slice(0, -3)}`;
      const { bytes } = compileGuest(readFileSync(join(casesDir, group, f), 'utf8'), { filename: f });
      const file = join(work, `case-${group}-${f.slice(0, -3)}.mvm-bc`);
      writeFileSync(file, bytes);
      const expected = readFileSync(join(casesDir, group, `${f.slice(0, -3)}.expected`), 'utf8');
      caseFiles.push({ file, name, expectsFatal: /^fatal /m.test(expected) });
      seeds.push(bytes);
    }
  }
  // Mutants of the fuzz seeds and of every case: a wide spread of bytecode.
  mutantFiles = mutants(seeds, MUTANTS, 1).map((m) => {
    const file = join(work, `${m.name}.mvm-bc`);
    writeFileSync(file, m.bytes);
    return file;
  });
}, 300_000);
afterAll(removeTemporaryDirs);

/** Runs the harness; resolves with its exit and output. */
function run(args: string[]): Promise<{ status: number | null; signal: string | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(harness, args, {
      env: {
        ...process.env,
        ASAN_OPTIONS: `suppressions=${join(harnessDir, 'asan.supp')}:detect_leaks=1:halt_on_error=1`,
        UBSAN_OPTIONS: `suppressions=${join(harnessDir, 'ubsan.supp')}:halt_on_error=1:print_stacktrace=1`,
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 150_000);
    child.on('error', reject);
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, stdout, stderr });
    });
  });
}

/** `fuzz` output lines as file -> status ("ok", "refused 18", "fatal 4", ...). */
function statuses(stdout: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of stdout.trim().split('\n')) {
    const at = line.indexOf(' ');
    out.set(line.slice(0, at), line.slice(at + 1));
  }
  return out;
}

describe('sanitizers over the engine layer', () => {
  it('are really in the harness (deliberate heap overflow, signed overflow and leak are reported)', async () => {
    const [asan, ubsan, lsan] = await Promise.all([run(['canary', 'asan']), run(['canary', 'ubsan']), run(['canary', 'lsan'])]);
    expect(asan.status).not.toBe(0);
    expect(asan.stderr).toMatch(/AddressSanitizer: heap-buffer-overflow/);
    expect(ubsan.status).not.toBe(0);
    expect(ubsan.stderr).toMatch(/runtime error: signed integer overflow/);
    expect(lsan.status).not.toBe(0);
    expect(lsan.stderr).toMatch(/LeakSanitizer: detected memory leaks/);
  });

  it('run the snapshot of every shared case with no report', async () => {
    expect(caseFiles.length).toBeGreaterThan(200);
    const r = await run(['fuzz', ...caseFiles.map((c) => c.file)]);
    expect(r.stderr).not.toMatch(REPORT);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const seen = statuses(r.stdout);
    expect(seen.size).toBe(caseFiles.length);
    for (const c of caseFiles) {
      const status = seen.get(c.file);
      // Valid snapshots always restore; only cases that exist to fail fatally may.
      if (c.expectsFatal) expect(status, c.name).toMatch(/^(ok|fatal \d+)$/);
      else expect(status, c.name).toBe('ok');
    }
  });

  it(`run ${MUTANTS} mutated snapshots with no report`, async () => {
    // Two halves in parallel (two cores).
    const half = Math.ceil(mutantFiles.length / 2);
    const results = await Promise.all([run(['fuzz', ...mutantFiles.slice(0, half)]), run(['fuzz', ...mutantFiles.slice(half)])]);
    const seen = new Map<string, string>();
    for (const r of results) {
      expect(r.stderr).not.toMatch(REPORT);
      expect(r.stderr).toBe('');
      expect(r.signal).toBe(null);
      expect(r.status).toBe(0); // also: no handle leak, no region left reserved
      for (const [file, status] of statuses(r.stdout)) seen.set(file, status);
    }
    expect(seen.size).toBe(MUTANTS);
    const kinds = new Map<string, number>();
    for (const status of seen.values()) {
      const kind = status === 'fatal 4' ? 'guard fault' : status.split(' ')[0]!;
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    }
    // The corpus reaches every stage: refused at restore, fatal during
    // restore, fatal while running (including faults on a guard page or the
    // read-only window), and runs that complete.
    for (const kind of ['ok', 'refused', 'restore-fatal', 'fatal', 'guard fault']) {
      expect(kinds.get(kind) ?? 0, kind).toBeGreaterThan(0);
    }
  });
});
