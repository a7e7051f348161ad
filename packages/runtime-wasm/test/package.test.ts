// The published shape of the package: pack it, install the tarball in a
// project outside the workspace (no dependencies, so offline), and use it
// through `import` and `require`, with types, the ./wasm file, and a bundler.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { consumerSource, installedConsumer, pkgDir, smokeExpected } from './helpers.js';

let dir: string;
beforeAll(() => {
  dir = installedConsumer();
});

function node(args: string[]): string {
  return execFileSync(process.execPath, args, { cwd: dir, encoding: 'utf8' }).trim();
}

describe('the packed package', () => {
  it('has zero dependencies and an exports map with types first', () => {
    const manifest = JSON.parse(readFileSync(join(dir, 'node_modules/@mvtk/runtime-wasm/package.json'), 'utf8'));
    expect(manifest.dependencies ?? {}).toEqual({});
    expect(Object.keys(manifest.exports['.'].import)[0]).toBe('types');
    expect(Object.keys(manifest.exports['.'].require)[0]).toBe('types');
  });

  it('runs through import (ESM)', () => {
    writeFileSync(join(dir, 'consumer.mjs'), consumerSource('esm'));
    expect(node(['consumer.mjs', 'smoke.mvm-bc'])).toBe(smokeExpected);
  });

  it('runs through require (CJS)', () => {
    writeFileSync(join(dir, 'consumer.cjs'), consumerSource('cjs'));
    expect(node(['consumer.cjs', 'smoke.mvm-bc'])).toBe(smokeExpected);
  });

  it('ships the raw .wasm as ./wasm, usable as a precompiled module', () => {
    writeFileSync(
      join(dir, 'precompiled.mjs'),
      `import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { Microvium, wasmBytes } from '@mvtk/runtime-wasm';
const file = createRequire(import.meta.url).resolve('@mvtk/runtime-wasm/wasm');
const bytes = readFileSync(file);
if (Buffer.compare(bytes, Buffer.from(wasmBytes())) !== 0) throw new Error('inlined and ./wasm differ');
const module = await WebAssembly.compile(bytes);
const vm = await Microvium.restore(readFileSync('smoke.mvm-bc'), { 1: (a, b) => a + b }, { module });
console.log(vm.exports[1](40, 2));
`,
    );
    expect(node(['precompiled.mjs'])).toBe('42');
  });

  it('type-checks a TypeScript consumer against the shipped .d.ts', () => {
    writeFileSync(
      join(dir, 'typed.ts'),
      `import { Microvium, MicroviumError, type MicroviumVM } from '@mvtk/runtime-wasm';
export async function run(snapshot: Uint8Array): Promise<number> {
  const vm: MicroviumVM = await Microvium.restore(snapshot, { 1: (a: number, b: number) => a + b });
  try {
    return vm.exports[1](1, 2) as number;
  } catch (e) {
    if (e instanceof MicroviumError) console.log(e.code, e.codeName);
    throw e;
  } finally {
    vm.dispose();
  }
}
`,
    );
    const tsc = join(pkgDir, 'node_modules', 'typescript', 'bin', 'tsc');
    for (const module of ['nodenext', 'preserve']) {
      const resolution = module === 'nodenext' ? 'nodenext' : 'bundler';
      execFileSync(
        process.execPath,
        [tsc, '--noEmit', '--strict', '--skipLibCheck', 'false', '--target', 'es2022', '--lib', 'es2022,dom,esnext.disposable', '--module', module, '--moduleResolution', resolution, 'typed.ts'],
        { cwd: dir, stdio: 'pipe' },
      );
    }
  });
});

describe('bundlers', () => {
  it('bundles with esbuild for Node (ESM and CJS) with no extra configuration', async () => {
    for (const format of ['esm', 'cjs'] as const) {
      const entry = join(dir, `entry.${format === 'esm' ? 'mjs' : 'cjs'}`);
      writeFileSync(entry, consumerSource(format));
      const out = join(dir, `bundle.${format}.${format === 'esm' ? 'mjs' : 'cjs'}`);
      await build({ entryPoints: [entry], bundle: true, platform: 'node', format, outfile: out, logLevel: 'silent' });
      expect(node([out, 'smoke.mvm-bc'])).toBe(smokeExpected);
    }
  });

  it('bundles for the browser platform (no Node built-ins needed)', async () => {
    const entry = join(dir, 'browser-entry.mjs');
    writeFileSync(
      entry,
      `import { Microvium } from '@mvtk/runtime-wasm';\nexport async function run(bytes) { const vm = await Microvium.restore(bytes, { 1: (a, b) => a + b }); return vm.exports[1](1, 2); }\n`,
    );
    const result = await build({ entryPoints: [entry], bundle: true, platform: 'browser', format: 'esm', write: false, minify: true, logLevel: 'silent' });
    expect(result.errors).toEqual([]);
    const text = result.outputFiles[0]!.text;
    expect(text).not.toMatch(/require\(["']node:/);
  });
});
