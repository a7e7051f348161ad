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
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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

/** runtime-wasm's scripts/build-wasm.mjs. */
interface WasmBuilder {
  buildWasm(dir: string, opts: { targetDir?: string }): { path: string; size: number; sha256: string };
  buildInputs: string[];
}

export interface WasmVariant {
  path: string;
  size: number;
  sha256: string;
}

/**
 * The engine as runtime-wasm builds it (its scripts/build-wasm.mjs, only the
 * target header differs), with the given checks.
 */
export async function buildWasmVariant(checks: Checks): Promise<WasmVariant> {
  const { buildWasm, buildInputs } = (await import(join(runtimeWasmDir, 'scripts', 'build-wasm.mjs'))) as WasmBuilder;
  const dir = join(buildDir, `wasm-${checksName(checks)}`);
  const inc = join(dir, 'include');
  const out = join(dir, 'microvium.wasm');
  mkdirSync(inc, { recursive: true });
  const header = variantTargetHeader(checks);
  const headerPath = join(inc, 'mvp_target.h');
  if (!existsSync(headerPath) || readFileSync(headerPath, 'utf8') !== header) writeFileSync(headerPath, header);
  const stamp = stampOf([...buildInputs, headerPath], [process.env.MVTK_ENGINE_OPT ?? '']);
  if (!upToDate(out, stamp)) {
    buildWasm(dir, { targetDir: inc });
    writeFileSync(`${out}.stamp`, stamp);
  }
  const bytes = readFileSync(out);
  return { path: out, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
}
