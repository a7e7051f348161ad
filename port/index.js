// Where the port layer and the pinned engine live, and the port settings,
// for build scripts of every target. The engine is never copied: it is
// compiled from the installed (and patched) `microvium` package.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

export const portDir = here;
export const includeDir = join(here, 'include');
export const sourceDir = join(here, 'src');
export const engineDir = join(dirname(require.resolve('microvium/package.json')), 'dist-c');
export const engineSource = join(engineDir, 'microvium.c');

/** The port layer's C sources (every target compiles all of them). */
export const portSources = ['mvp_number.c', 'mvp_math.c', 'mvp_crc.c', 'mvp_alloc.c'].map((f) =>
  join(here, 'src', f),
);

/** What the plain C hosts' target (targets/host/mvp_target.h) declares: its page base and fatal-error guard. */
export const hostTargetSource = join(here, 'targets', 'host', 'mvp_host.c');

/** Flags every target must use: no FMA contraction, strict C99. */
export const commonCFlags = ['-std=c99', '-ffp-contract=off', '-Wall', '-Wextra'];

/**
 * The observable engine settings, read from include/mvp_config.h so C and the
 * snapshot compiler cannot disagree.
 */
export function readPortConfig() {
  const text = readFileSync(join(includeDir, 'mvp_config.h'), 'utf8');
  const config = {};
  for (const m of text.matchAll(/^#define\s+MVP_(\w+)\s+(0x[0-9a-fA-F]+|\d+)\s*$/gm)) {
    config[m[1]] = Number(m[2]);
  }
  return config;
}
