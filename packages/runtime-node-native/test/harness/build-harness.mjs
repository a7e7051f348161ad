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
  return compileCached(cc, args, out, inputs, force);
}

/**
 * The Node-API addon itself (c/mvn_napi.c and everything binding.gyp builds)
 * under AddressSanitizer, for the fuzzer's `--asan` runs through the public
 * API. Load it with asanAddonEnv(). Output: node_modules/.cache/mvn-addon-asan/mvn.node.
 */
export function buildAsanAddon({
  cc = process.env.CC ?? 'gcc',
  force = false,
  outDir = join(root, 'node_modules', '.cache', 'mvn-addon-asan'),
} = {}) {
  const out = join(outDir, 'mvn.node');
  mkdirSync(outDir, { recursive: true });
  const list = (what) =>
    execFileSync(process.execPath, [join(root, 'scripts', 'gyp-sources.cjs'), what], { cwd: root, encoding: 'utf8' })
      .split('\n').filter(Boolean).map((f) => join(root, f));
  const sources = list('sources');
  const includes = list('includes');
  // Node-API headers beside the running node (as scripts/build.mjs does).
  const nodeHeaders = join(dirname(dirname(process.execPath)), 'include', 'node');
  const inputs = [...sources, join(glue, 'mvr.c'), join(glue, 'mvr.h'), join(engineDir, 'microvium.c'),
    ...includes.flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.h')).map((f) => join(d, f)))];
  const args = [
    '-shared', '-fPIC', '-std=gnu11', '-O1', '-g', '-ffp-contract=off', '-Wno-unused-parameter',
    '-DNAPI_VERSION=8', '-DMVR_NATIVE=1', '-I', nodeHeaders, ...includes.flatMap((d) => ['-I', d]),
    '-fsanitize=address', '-fno-omit-frame-pointer', ...sources, '-lm',
  ];
  return compileCached(cc, args, out, inputs, force);
}

/**
 * The environment that makes @mvtk/runtime-node-native load `addon` (built by
 * buildAsanAddon) in a child Node process: the sanitizer's runtime must
 * be loaded before everything else (node itself is not instrumented), leak
 * checks are off (node's own allocations at exit are not ours to judge; the
 * harness run in test/asan.test.ts checks the engine layer for leaks), and
 * the first report ends the process with status 86.
 */
export function asanAddonEnv(addon, cc = process.env.CC ?? 'gcc') {
  const runtime = execFileSync(cc, ['-print-file-name=libasan.so'], { encoding: 'utf8' }).trim();
  return {
    MVTK_NATIVE_ADDON: addon,
    LD_PRELOAD: runtime,
    // The same suppressions as test/asan.test.ts (justified in asan.supp).
    ASAN_OPTIONS: `suppressions=${join(root, 'test', 'harness', 'asan.supp')}:detect_leaks=0:halt_on_error=1:exitcode=86:abort_on_error=0:allow_user_segv_handler=1`,
  };
}

/** Runs `cc args -o out` unless `out` is newer than every input and was built with the same command. */
function compileCached(cc, args, out, inputs, force) {
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
