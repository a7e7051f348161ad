// Builds the plain C reference host (bench/c/bench_host.c) with the port's
// host target (a global page base) and the same engine settings and compiler
// flags as the addon. Output: build/bench/bench_host.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { commonCFlags, engineSource, engineDir, includeDir, portDir, portSources } from '@mvtk/port';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export function buildBenchHost({ cc = process.env.CC ?? 'gcc', extra = [] } = {}) {
  const out = join(root, 'build', 'bench', `bench_host${extra.length ? '-' + extra.join('').replace(/[^\w]/g, '') : ''}`);
  mkdirSync(dirname(out), { recursive: true });
  const sources = [join(root, 'bench', 'c', 'bench_host.c'), ...portSources, engineSource];
  if (existsSync(out) && sources.every((f) => statSync(f).mtimeMs < statSync(out).mtimeMs)) return out;
  execFileSync(cc, [
    ...commonCFlags.filter((f) => f !== '-std=c99'), '-std=gnu11', '-O2', '-Wno-unused-parameter',
    '-I', includeDir, '-I', join(portDir, 'targets', 'host'), '-I', engineDir,
    ...extra, ...sources, '-o', out, '-lm',
  ], { stdio: ['ignore', 'inherit', 'inherit'] });
  return out;
}
