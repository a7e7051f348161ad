// The WASM build is reproducible: two builds with the same toolchain give
// byte-identical files, also identical to the one in dist/.
import { mkdtempSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pkgDir } from './helpers.js';

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('microvium.wasm build', () => {
  it('is byte-identical across builds', async () => {
    // @ts-expect-error -- plain .mjs build script
    const { buildWasm } = await import('../scripts/build-wasm.mjs');
    const a = buildWasm(mkdtempSync(join(tmpdir(), 'mvtk-wasm-a-')));
    const b = buildWasm(mkdtempSync(join(tmpdir(), 'mvtk-wasm-b-')));
    expect(a.sha256).toBe(b.sha256);
    expect(a.sha256).toBe(sha(readFileSync(join(pkgDir, 'dist', 'microvium.wasm'))));
  });

  it('imports only the three host callbacks and exports the mvr contract', async () => {
    const module = await WebAssembly.compile(readFileSync(join(pkgDir, 'dist', 'microvium.wasm')));
    expect(WebAssembly.Module.imports(module).map((i) => `${i.module}.${i.name}`).sort()).toEqual([
      'env.fatal',
      'env.host_breakpoint',
      'env.host_call',
    ]);
    const exports = WebAssembly.Module.exports(module).map((e) => e.name);
    expect(exports).toContain('memory');
    expect(exports).toContain('mvr_call');
    const header = readFileSync(join(pkgDir, '..', 'runtime-core', 'c', 'mvr.h'), 'utf8');
    for (const m of header.matchAll(/^[a-z_0-9 ]+\*?\s*\*?(mvr_[a-z0-9_]+)\(/gm)) {
      if (!m[0].startsWith('extern')) expect(exports).toContain(m[1]);
    }
  });
});
