// The port layer's own checks, at sizes that fit the test command. Each runs
// the C unit tests or a comparison script and asserts on what it printed; the
// long runs (10 million doubles, 10 million pow pairs) are the same scripts
// with bigger counts (see the README).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const portDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const buildDir = join(portDir, 'build');
const cc = process.env.CC ?? 'cc';

/** Runs `cmd` in the port directory; returns its status and output. */
function run(cmd: string, args: string[]): { status: number | null; out: string } {
  const r = spawnSync(cmd, args, { cwd: portDir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

function buildC(name: string, sources: string[], flags: string[] = []): string {
  mkdirSync(buildDir, { recursive: true });
  const out = join(buildDir, name);
  execFileSync(cc, [
    '-std=c99', '-O1', '-g', '-ffp-contract=off', '-Wall', '-Wextra', '-Werror',
    ...flags, '-I', join(portDir, 'include'), ...sources.map((s) => join(portDir, s)), '-o', out,
  ]);
  return out;
}

const sanitizers = ['-fsanitize=address,undefined', '-fno-sanitize-recover=all', '-fno-omit-frame-pointer'];

describe('port layer', () => {
  it('allocator: unit tests and 200,000 random operations under ASan and UBSan', () => {
    const exe = buildC('alloc_test', ['test/alloc_test.c', 'src/mvp_alloc.c'], sanitizers);
    const r = run(exe, ['200000', '11']);
    expect(r.out).toContain('alloc_test: all checks passed');
    expect(r.status).toBe(0);
  });

  it('number formatting and parsing: unit tests under UBSan', () => {
    const exe = buildC('number_test', ['test/number_test.c'], sanitizers);
    const r = run(exe, []);
    expect(r.out).toMatch(/number_test: \d+ checks, 0 failures/);
    expect(r.status).toBe(0);
  });

  it('number formatting and parsing agree with V8 on 300,000 random doubles and strings', () => {
    const r = run('node', ['scripts/verify-numbers.mjs', '--count', '300000', '--seed', String(Date.now() % 1e9)]);
    expect(r.out).toMatch(/300000 doubles, 0 mismatches \(toString\); \d+ strings, 0 mismatches \(toNumber\)/);
    expect(r.status).toBe(0);
  });

  it('pow is correctly rounded wherever it differs from V8; fmod and ToInt32 match V8 exactly', () => {
    const r = run('node', ['scripts/verify-pow.mjs', '--count', '100000']);
    expect(r.out).toContain('0 failures');
    expect(r.out).toMatch(/fmod: 0 mismatches; toInt32: 0 mismatches; toUint32: 0 mismatches/);
    expect(r.out).toMatch(/mvp_pow correctly rounded in all \d+ differences/);
    expect(r.status).toBe(0);
  });

  it('compiles without warnings on gcc, clang, wasm32, Cortex-M and RV32 and gives one digest on all of them', () => {
    const r = run('node', ['scripts/cross-target.mjs', '--n', '20000']);
    expect(r.out).toMatch(/cross-target: 6 targets, all digests identical/);
    expect(r.status).toBe(0);
  }, 600_000);
});
