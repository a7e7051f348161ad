/**
 * The benchmark's own native builds, all under bench/build/ (nothing in the
 * runtime packages is touched):
 *
 * - the plain C host (c/bench_host.c) with the Node-API addon's target header
 *   and compiler flags: engine checks as the addon has them (s1t1), and a
 *   variant with both checks off (s0t0);
 * - the engine compiled to wasm32 exactly as packages/runtime-wasm builds it,
 *   with MVM_SAFE_MODE / MVM_DONT_TRUST_BYTECODE set per variant. The s0t0
 *   variant must come out byte-identical to runtime-wasm's own .wasm: that
 *   proves the flags here are the package's, so s1t1 differs only in the checks.
 *
 * Each build is skipped when a stamp (a hash of its inputs and flags) matches.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildDir, benchDir, runtimeCoreDir, runtimeNativeDir, runtimeWasmDir } from './paths.js';

interface Port {
  commonCFlags: string[];
  engineDir: string;
  engineSource: string;
  includeDir: string;
  portSources: string[];
}

async function port(): Promise<Port> {
  return (await import('@mvtk/port')) as unknown as Port;
}

function stampOf(inputs: string[], flags: string[]): string {
  const h = createHash('sha256');
  for (const f of inputs) h.update(f).update(readFileSync(f));
  h.update(JSON.stringify(flags));
  return h.digest('hex');
}

function upToDate(out: string, stamp: string): boolean {
  return existsSync(out) && existsSync(`${out}.stamp`) && readFileSync(`${out}.stamp`, 'utf8') === stamp;
}

export interface Checks {
  safe: 0 | 1;
  trust: 0 | 1; // MVM_DONT_TRUST_BYTECODE
}

export const checksName = (c: Checks): string => `s${c.safe}t${c.trust}`;

/** The plain C host; returns the binary's path. */
export async function buildCHost(checks: Checks): Promise<string> {
  const p = await port();
  const out = join(buildDir, `bench_host-${checksName(checks)}`);
  mkdirSync(buildDir, { recursive: true });
  const source = join(benchDir, 'c', 'bench_host.c');
  const target = join(runtimeNativeDir, 'c', 'target');
  const flags = [
    // The addon's flags (binding.gyp) and the port's common ones.
    '-std=gnu11', '-O2', '-ffp-contract=off', '-fno-semantic-interposition', '-Wall', '-Wno-unused-parameter',
    ...p.commonCFlags.filter((f) => f !== '-std=c99' && f !== '-Wextra' && f !== '-Wall' && f !== '-ffp-contract=off'),
    `-DMVP_SAFE_MODE=${checks.safe}`,
    `-DMVP_DONT_TRUST_BYTECODE=${checks.trust}`,
    '-I', target, '-I', p.includeDir, '-I', p.engineDir,
  ];
  const inputs = [source, ...p.portSources, p.engineSource, join(target, 'mvp_target.h'), join(p.includeDir, 'mvp_config.h'), join(p.includeDir, 'microvium_port.h')];
  const stamp = stampOf(inputs, flags);
  if (upToDate(out, stamp)) return out;
  execFileSync(process.env.CC ?? 'gcc', [...flags, source, ...p.portSources, p.engineSource, '-o', out, '-lm'], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  writeFileSync(`${out}.stamp`, stamp);
  return out;
}

const CLANG = process.env.MVTK_CLANG ?? 'clang-19';
const WASM_LD = process.env.MVTK_WASM_LD ?? 'wasm-ld-19';
const WASM_OPT = process.env.MVTK_WASM_OPT ?? 'wasm-opt';

/**
 * runtime-wasm's target header with the two checks set to `checks`. Fails if
 * the header no longer has the lines this replaces (the build must then be
 * looked at again, not silently differ).
 */
function variantTargetHeader(checks: Checks): string {
  const original = readFileSync(join(runtimeWasmDir, 'c', 'mvp_target.h'), 'utf8');
  let text = original;
  for (const [name, value] of [['MVP_SAFE_MODE', checks.safe], ['MVP_DONT_TRUST_BYTECODE', checks.trust]] as const) {
    const re = new RegExp(`^#define ${name} [01]\\s*$`, 'm');
    if (!re.test(text)) throw new Error(`packages/runtime-wasm/c/mvp_target.h has no "#define ${name} 0|1" line any more`);
    text = text.replace(re, `#define ${name} ${value}`);
  }
  return text;
}

/** The exported functions: every `mvr_*` declared in mvr.h except the embedder's callbacks (as build-wasm.mjs). */
function exportedFunctions(): string[] {
  const header = readFileSync(join(runtimeCoreDir, 'c', 'mvr.h'), 'utf8');
  const names = new Set<string>();
  for (const m of header.matchAll(/^[a-z_0-9 ]+\*?\s*\*?(mvr_[a-z0-9_]+)\(/gm)) {
    if (!m[0].startsWith('extern')) names.add(m[1]!);
  }
  return [...names].sort();
}

export interface WasmVariant {
  path: string;
  size: number;
  sha256: string;
}

/**
 * The engine as runtime-wasm builds it (scripts/build-wasm.mjs: the same
 * sources, flags, link and wasm-opt steps), with the given checks.
 */
export async function buildWasmVariant(checks: Checks): Promise<WasmVariant> {
  const p = await port();
  const dir = join(buildDir, `wasm-${checksName(checks)}`);
  const inc = join(dir, 'include');
  const obj = join(dir, 'obj');
  const out = join(dir, 'microvium.wasm');
  mkdirSync(inc, { recursive: true });
  const header = variantTargetHeader(checks);
  const headerPath = join(inc, 'mvp_target.h');
  if (!existsSync(headerPath) || readFileSync(headerPath, 'utf8') !== header) writeFileSync(headerPath, header);

  const coreC = join(runtimeCoreDir, 'c');
  const cflags = [
    '--target=wasm32', '-nostdlib', '-ffreestanding', '-mbulk-memory', '-mnontrapping-fptoint', '-msign-ext',
    '-fno-delete-null-pointer-checks',
    ...p.commonCFlags.filter((f) => f !== '-std=c99' && f !== '-Wextra'),
    '-std=gnu11', '-Wno-unused-function',
    // Paths as runtime-wasm's build writes them, so the output can be byte-identical.
    `-ffile-prefix-map=${join(runtimeWasmDir, '..', '..')}=.`,
    `-ffile-prefix-map=${p.engineDir}=engine`,
    // This variant's header first, then everything runtime-wasm uses.
    '-I', inc,
    '-I', join(runtimeWasmDir, 'c'),
    '-I', join(runtimeWasmDir, 'c', 'libc', 'include'),
    '-I', p.includeDir,
    '-I', p.engineDir,
    '-I', coreC,
  ];
  const engineOpt = process.env.MVTK_ENGINE_OPT ?? '-O2';
  const optFor = (src: string) => (/mvp_(number|math)\.c$/.test(src) ? '-Oz' : src.endsWith('mvr.c') ? engineOpt : '-O2');
  const sources = [join(coreC, 'mvr.c'), ...p.portSources, join(runtimeWasmDir, 'c', 'libc', 'libc.c')];
  const exports = exportedFunctions();
  const ldflags = [
    '--no-entry', '--global-base=65536', '-z', 'stack-size=16384', '--initial-memory=131072', '--max-memory=67108864',
    '--gc-sections', '--strip-all', ...exports.map((f) => `--export=${f}`), '--export=__heap_base',
  ];
  const inputs = [
    ...sources, p.engineSource, headerPath, join(coreC, 'mvr.h'), join(p.includeDir, 'mvp_config.h'),
    join(p.includeDir, 'microvium_port.h'), join(p.includeDir, 'mvp.h'), join(runtimeWasmDir, 'scripts', 'build-wasm.mjs'),
  ];
  const stamp = stampOf(inputs, [...cflags, engineOpt, ...ldflags]);
  if (!upToDate(out, stamp)) {
    rmSync(obj, { recursive: true, force: true });
    mkdirSync(obj, { recursive: true });
    const objects = sources.map((src) => {
      const o = join(obj, src.split('/').pop()!.replace(/\.c$/, '.o'));
      execFileSync(CLANG, [...cflags, optFor(src), '-c', src, '-o', o], { stdio: ['ignore', 'inherit', 'inherit'] });
      return o;
    });
    const linked = join(obj, 'linked.wasm');
    execFileSync(WASM_LD, [...ldflags, ...objects, '-o', linked], { stdio: ['ignore', 'inherit', 'inherit'] });
    execFileSync(
      WASM_OPT,
      ['-Oz', '--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext', '--strip-debug', '--strip-producers', linked, '-o', out],
      { stdio: ['ignore', 'inherit', 'inherit'] },
    );
    writeFileSync(`${out}.stamp`, stamp);
  }
  const bytes = readFileSync(out);
  return { path: out, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
}
