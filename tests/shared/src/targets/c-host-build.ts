/**
 * Builds the suite's plain C host (native/suite_host.c) with the port layer
 * and the patched engine, with the port's flags (as port/scripts/native-build.mjs
 * does), into build/suite-host.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { commonCFlags, engineDir, engineSource, hostTargetSource, includeDir, portDir, portSources } from '@mvtk/port';
import { buildDir, packageDir } from '../paths.js';

export const hostSource = join(packageDir, 'native', 'suite_host.c');
export const hostBinary = join(buildDir, 'suite-host');

/** Builds the host unless it is newer than every input; returns its path. */
export function buildSuiteHost(options: { cc?: string; force?: boolean; defines?: string[]; output?: string } = {}): string {
  const cc = options.cc ?? process.env.CC ?? 'gcc';
  const output = options.output ?? hostBinary;
  mkdirSync(buildDir, { recursive: true });
  const sources = [...portSources, hostTargetSource, hostSource];
  const inputs = [...sources, engineSource, ...['mvp.h', 'mvp_config.h', 'microvium_port.h'].map((f) => join(includeDir, f))];
  if (!options.force && existsSync(output)) {
    const built = statSync(output).mtimeMs;
    if (inputs.every((f) => statSync(f).mtimeMs < built)) return output;
  }
  const args = [
    ...commonCFlags.filter((f) => f !== '-std=c99'),
    '-std=gnu11', '-O2', '-g', '-w',
    '-I', includeDir, '-I', join(portDir, 'targets', 'host'), '-I', engineDir,
    ...(options.defines ?? []).map((d) => `-D${d}`),
    ...sources,
    '-o', output, '-lm',
  ];
  execFileSync(cc, args, { stdio: ['ignore', 'inherit', 'inherit'] });
  return output;
}
