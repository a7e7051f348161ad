// The WASM build's own libc (c/libc/libc.c): memcpy, memmove and memset
// against a byte loop, for lengths on both sides of the inline limit, every
// alignment and every overlap (test/c/libc_check.c), compiled with the
// package's flags and optimisation level.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pkgDir } from './helpers.js';

describe('libc', () => {
  it('memcpy, memmove and memset agree with a byte loop', async () => {
    // @ts-expect-error -- plain .mjs build script
    const { CLANG, WASM_LD, cflagsFor, optFor } = await import('../scripts/build-wasm.mjs');
    const dir = mkdtempSync(join(tmpdir(), 'mvtk-libc-'));
    const objects = [join(pkgDir, 'test', 'c', 'libc_check.c'), join(pkgDir, 'c', 'libc', 'libc.c')].map((src, i) => {
      const o = join(dir, `${i}.o`);
      execFileSync(CLANG, [...cflagsFor(), optFor(src), '-c', src, '-o', o]);
      return o;
    });
    const wasm = join(dir, 'libc_check.wasm');
    execFileSync(WASM_LD, ['--no-entry', '--global-base=65536', ...objects, '-o', wasm]);
    const { exports } = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(wasm)), {});
    const check = exports as { libc_check(): number; libc_first_failure(): number };
    const failures = check.libc_check();
    expect(failures, `first failing case ${check.libc_first_failure().toString(16)}`).toBe(0);
  });
});
