// `pnpm build`: the addon (prebuilds/<platform>-<arch>/ via prebuildify
// --napi, plus build/Release for node-gyp-build) and the TypeScript (tsup).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);

export function nodeGypEnv(base = process.env) {
  const env = { ...base };
  // Headers beside the running node: no download (there is no network for it).
  const prefix = dirname(dirname(process.execPath));
  if (!env.npm_config_nodedir && existsSync(join(prefix, 'include', 'node', 'node_api.h'))) {
    env.npm_config_nodedir = prefix;
  }
  return env;
}

const only = process.argv[2]; // 'native' | 'ts' | undefined (both)
if (only !== 'ts') {
  execFileSync(bin('prebuildify'), ['--napi', '--strip', '--tag-libc', '-t', process.versions.node], {
    cwd: root,
    stdio: 'inherit',
    env: nodeGypEnv(),
  });
}
if (only !== 'native') {
  execFileSync(bin('tsup'), [], { cwd: root, stdio: 'inherit' });
}
