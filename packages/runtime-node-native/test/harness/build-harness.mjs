// Builds test/harness/harness.c with the addon's own engine layer
// (c/mvn_core.c, which includes the shared glue and the engine), optionally
// under a sanitizer. Output: node_modules/.cache/mvn-harness/mvn-harness[-SANITIZER]
// (not under build/: every `node-gyp rebuild` of the addon wipes that).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { commonCFlags, engineDir, includeDir, portSources } from '@mvtk/port';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const glue = join(root, '..', 'runtime-core', 'c');

export function buildHarness({
  sanitize,
  cc = process.env.CC ?? 'gcc',
  optimize = sanitize ? '-O1' : '-O2',
  force = false,
  outDir = join(root, 'node_modules', '.cache', 'mvn-harness'),
  extraFlags = [],
} = {}) {
  const out = join(outDir, `mvn-harness${sanitize ? '-' + sanitize.replace(/,/g, '-') : ''}`);
  mkdirSync(dirname(out), { recursive: true });
  const own = ['c/mvn_core.c', 'c/mvn_engine.c', 'c/mvn_region.c', 'test/harness/harness.c'].map((f) => join(root, f));
  const inputs = [...own, ...portSources, join(glue, 'mvr.c'), join(glue, 'mvr.h'), join(engineDir, 'microvium.c'),
    join(root, 'c', 'target', 'mvp_target.h'), join(root, 'c', 'mvn_engine.h'), join(root, 'c', 'mvn_region.h'), join(root, 'c', 'mvn_core.h'),
    ...readdirSync(includeDir).filter((f) => f.endsWith('.h')).map((f) => join(includeDir, f))];
  const args = [
    ...commonCFlags.filter((f) => f !== '-std=c99'), '-std=gnu11', optimize, '-g', '-Wno-unused-parameter',
    '-I', join(root, 'c', 'target'), '-I', join(root, 'c'), '-I', includeDir, '-I', engineDir, '-I', glue,
    ...(sanitize ? [`-fsanitize=${sanitize}`, '-fno-sanitize-recover=all', '-fno-omit-frame-pointer'] : []),
    ...extraFlags,
    ...own, ...portSources, '-lm',
  ];
  // The command line is part of what is built: a change of flags rebuilds.
  const stamp = `${out}.cmd`;
  const command = JSON.stringify([cc, ...args]);
  const fresh = existsSync(out) && existsSync(stamp) && readFileSync(stamp, 'utf8') === command &&
    inputs.every((f) => statSync(f).mtimeMs < statSync(out).mtimeMs);
  if (!force && fresh) return out;
  // Link to a temporary name and rename: a concurrent run never sees half a binary.
  const tmp = `${out}.${process.pid}.tmp`;
  execFileSync(cc, [...args, '-o', tmp], { stdio: ['ignore', 'inherit', 'inherit'] });
  renameSync(tmp, out);
  writeFileSync(stamp, command);
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(buildHarness({ sanitize: process.argv[2] }));
}
