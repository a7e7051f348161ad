#!/usr/bin/env node
// Prints what binding.gyp compiles, one path a line: `sources` or `includes`.
//
// In the monorepo the engine comes from the installed (patched) `microvium`
// package and the port layer and the shared glue from their workspace packages
// (via @mvtk/port's index.js); nothing is copied. A packed tarball carries a
// copy of them in dist/csrc/ (made by scripts/prepack.mjs) and builds from it.
'use strict';
const { existsSync, readdirSync } = require('node:fs');
const { join, relative } = require('node:path');

const root = join(__dirname, '..');
const what = process.argv[2];

async function locate() {
  const own = ['c/mvn_napi.c', 'c/mvn_core.c', 'c/mvn_engine.c', 'c/mvn_region.c'].map((f) => join(root, f));
  const csrc = join(root, 'dist', 'csrc');
  const workspace = join(root, 'src', 'index.ts');
  if (existsSync(workspace) || !existsSync(csrc)) {
    const port = await import('@mvtk/port');
    const glue = join(root, '..', 'runtime-core', 'c');
    // The pnpm store path of the patched engine contains '=', which make
    // takes for an assignment in a rule: use the port's own symlink to it.
    const linked = join(port.portDir, 'node_modules', 'microvium', 'dist-c');
    const engineDir = existsSync(join(linked, 'microvium.c')) ? linked : port.engineDir;
    return {
      // mvn_core.c includes the glue, which includes the engine: one unit.
      sources: [...own, ...port.portSources],
      includes: [join(root, 'c', 'target'), join(root, 'c'), port.includeDir, engineDir, glue],
    };
  }
  return {
    sources: [...own, ...cFiles(join(csrc, 'port'))],
    includes: [join(root, 'c', 'target'), join(root, 'c'), join(csrc, 'port'), join(csrc, 'engine'), join(csrc, 'glue')],
  };
}

function cFiles(dir) {
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.c')).sort().map((f) => join(dir, f)) : [];
}

locate().then((found) => {
  const list = found[what];
  if (!list) throw new Error(`usage: gyp-sources.cjs sources|includes`);
  // gyp wants paths relative to binding.gyp; forward slashes on every OS.
  for (const p of list) console.log(relative(root, p).split('\\').join('/'));
}, (error) => {
  console.error(error);
  process.exit(1);
});
