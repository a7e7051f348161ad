// Native builds of the port layer: the plain C host (mvp-run) and the C unit
// tests. Used by `pnpm build`, the tests and the benchmarks.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { commonCFlags, engineDir, hostTargetSource, includeDir, portDir, portSources } from '../index.js';

export const buildDir = join(portDir, 'build');

/**
 * Compile and link one native program from the port layer, the engine (unless
 * `withEngine` is false; a source may then include the engine itself from one
 * of `includeDirs`) and `sources`. Returns the output path. Skips the
 * work when the output is newer than every input.
 */
export function buildNative({
  name,
  sources,
  withEngine = true,
  engine = engineDir,
  sanitize,
  optimize = '-O2',
  defines = [],
  includeDirs = [],
  cc = process.env.CC ?? 'gcc',
  force = false,
}) {
  mkdirSync(buildDir, { recursive: true });
  const out = join(buildDir, name);
  const inputs = [
    ...portSources,
    hostTargetSource,
    ...sources,
    ...(withEngine ? [join(engine, 'microvium.c')] : []),
    join(includeDir, 'mvp.h'),
    join(includeDir, 'mvp_config.h'),
    join(includeDir, 'microvium_port.h'),
  ];
  if (!force && existsSync(out)) {
    const built = statSync(out).mtimeMs;
    if (inputs.every((f) => statSync(f).mtimeMs < built)) return out;
  }
  const args = [
    ...commonCFlags.filter((f) => f !== '-std=c99'),
    '-std=gnu11',
    // The engine (not ours) has unused parameters; the port layer itself is
    // checked with every warning as errors by scripts/cross-target.mjs.
    ...(withEngine ? ['-Wno-unused-parameter'] : []),
    optimize,
    '-g',
    '-I', includeDir,
    '-I', join(portDir, 'targets', 'host'),
    ...(withEngine ? ['-I', engine] : []),
    ...includeDirs.flatMap((d) => ['-I', d]),
    ...defines.map((d) => `-D${d}`),
    ...(sanitize ? [`-fsanitize=${sanitize}`, '-fno-sanitize-recover=all', '-fno-omit-frame-pointer'] : []),
    ...inputs.filter((f) => f.endsWith('.c')),
    '-o', out,
    '-lm',
  ];
  execFileSync(cc, args, { stdio: ['ignore', 'inherit', 'inherit'] });
  return out;
}

/** The plain C host of the engine. */
export function buildHost(options = {}) {
  return buildNative({ name: 'mvp-run', sources: [join(portDir, 'host', 'mvp_run.c')], ...options });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = buildHost();
  console.log(`built ${out}`);
}
