// Builds the engine, the port layer and the mvr glue to one .wasm file with
// clang/wasm-ld 19 and binaryen's wasm-opt (no Emscripten), and writes it
// inlined as base64 for the bundle. Reproducible: the same toolchain gives
// byte-identical output (test/build.test.ts checks it).
//
//   node scripts/build-wasm.mjs [--out DIR]     default DIR: build/
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { commonCFlags, engineDir, engineSource, includeDir, portSources } from '@mvtk/port';

const pkgDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const coreC = join(pkgDir, '..', 'runtime-core', 'c');
const outArg = process.argv.indexOf('--out');
const outDir = outArg > 0 ? process.argv[outArg + 1] : join(pkgDir, 'build');
const objDir = join(outDir, 'obj');

export const CLANG = process.env.MVTK_CLANG ?? 'clang-19';
export const WASM_LD = process.env.MVTK_WASM_LD ?? 'wasm-ld-19';
const WASM_OPT = process.env.MVTK_WASM_OPT ?? 'wasm-opt';
/** C stack for the engine and reentrant host calls (each guest->host->guest level uses ~1 KiB). */
const STACK_SIZE = 16384;

/**
 * Optimisation per source: the interpreter and the glue at full speed (-O2),
 * the port layer's number formatting and parsing and pow/fmod, which only run
 * when a guest converts numbers to and from strings or uses ** and %, for
 * size (-Oz), and the libc's short copy loops at -Os (-O2 unrolls them to
 * twice the size for no measurable gain). MVTK_ENGINE_OPT overrides the
 * level of mvr.c (the engine).
 */
const ENGINE_OPT = process.env.MVTK_ENGINE_OPT ?? "-O2";
export const optFor = (src) =>
  /mvp_(number|math)\.c$/.test(src) ? '-Oz' : src.endsWith('mvr.c') ? ENGINE_OPT : src.endsWith('libc.c') ? '-Os' : '-O2';

/**
 * The compiler flags. `targetDir`, when given, holds an mvp_target.h that
 * replaces this package's (the benchmark builds the engine with other
 * checks this way; everything else stays as shipped).
 */
export function cflagsFor(targetDir) {
  return [
    '--target=wasm32',
    '-nostdlib',
    '-ffreestanding',
    '-mbulk-memory',
    '-mnontrapping-fptoint',
    '-msign-ext',
    '-fno-delete-null-pointer-checks',
    ...commonCFlags.filter((f) => f !== '-std=c99' && f !== '-Wextra'),
    '-std=gnu11',
    '-Wno-unused-function',
    // Reproducible: no absolute paths or dates in the output.
    `-ffile-prefix-map=${join(pkgDir, '..', '..')}=.`,
    `-ffile-prefix-map=${engineDir}=engine`,
    ...(targetDir ? ['-I', targetDir] : []),
    '-I', join(pkgDir, 'c'),
    '-I', join(pkgDir, 'c', 'libc', 'include'),
    '-I', includeDir,
    '-I', engineDir,
    '-I', coreC,
  ];
}

const sources = [join(coreC, 'mvr.c'), ...portSources, join(pkgDir, 'c', 'libc', 'libc.c')];

/** Every file the output depends on besides the compilers (for up-to-date checks). */
export const buildInputs = [
  ...sources,
  engineSource,
  join(pkgDir, 'c', 'mvp_target.h'),
  join(coreC, 'mvr.h'),
  join(includeDir, 'mvp_config.h'),
  join(includeDir, 'microvium_port.h'),
  join(includeDir, 'mvp.h'),
  fileURLToPath(import.meta.url),
];

/** Every `mvr_*` function declared in mvr.h, except the embedder's callbacks. */
function exportedFunctions() {
  const header = readFileSync(join(coreC, 'mvr.h'), 'utf8');
  const names = new Set();
  for (const m of header.matchAll(/^[a-z_0-9 ]+\*?\s*\*?(mvr_[a-z0-9_]+)\(/gm)) {
    if (!m[0].startsWith('extern')) names.add(m[1]);
  }
  return [...names].sort();
}

/** Builds into `dir`; see cflagsFor for `targetDir`. */
export function buildWasm(dir = outDir, { targetDir } = {}) {
  const obj = join(dir, 'obj');
  rmSync(obj, { recursive: true, force: true });
  mkdirSync(obj, { recursive: true });
  const cflags = cflagsFor(targetDir);
  const objects = sources.map((src) => {
    const o = join(obj, src.split('/').pop().replace(/\.c$/, '.o'));
    execFileSync(CLANG, [...cflags, optFor(src), '-c', src, '-o', o], { stdio: ['ignore', 'inherit', 'inherit'] });
    return o;
  });
  const linked = join(obj, 'linked.wasm');
  execFileSync(
    WASM_LD,
    [
      '--no-entry',
      '--global-base=65536',
      '-z', `stack-size=${STACK_SIZE}`,
      '--initial-memory=131072',
      '--max-memory=67108864',
      '--gc-sections',
      '--strip-all',
      ...exportedFunctions().map((f) => `--export=${f}`),
      '--export=__heap_base',
      ...objects,
      '-o', linked,
    ],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  const wasm = join(dir, 'microvium.wasm');
  execFileSync(
    WASM_OPT,
    ['-Oz', '--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext', '--strip-debug', '--strip-producers', linked, '-o', wasm],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  const bytes = readFileSync(wasm);
  writeFileSync(
    join(dir, 'wasm-inline.ts'),
    `// Generated by scripts/build-wasm.mjs: the engine as base64 (${bytes.length} bytes).\n` +
      `export const wasmBase64 =\n  '${bytes.toString('base64')}';\n`,
  );
  return { path: wasm, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { path, size, sha256 } = buildWasm();
  console.log(`built ${relative(process.cwd(), path)}: ${size} bytes, sha256 ${sha256.slice(0, 16)}`);
}
