// The published shape of the package: `pnpm pack` (with scripts/prepack.mjs),
// installed with `npm install --offline` into fresh projects outside the
// workspace and used through `import` and `require`: once with the prebuilt
// N-API binary, once with the prebuilds removed so the install script builds
// from the C sources shipped in the tarball. Then the prebuilt one under Node 24.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineDir, includeDir, portSources } from '@mvtk/port';
import {
  installConsumer,
  packedTarball,
  PKG,
  pkgDir,
  removeTemporaryDirs,
  runNode,
  smokeExpected,
  tarballFiles,
  tarballWithoutPrebuilds,
} from './helpers.js';

const platform = `${process.platform}-${process.arch}`;
/** The prebuild for this platform (prepack builds it where it runs). */
const PREBUILD = new RegExp(`^prebuilds/${platform}/[^/]+\\.node$`);
/** scripts/node-matrix.mjs installs Node 24 for Linux x64 only. */
const nodeMatrix = process.platform === 'linux' && process.arch === 'x64' && !process.env.MVTK_SKIP_NODE_MATRIX;

let tarball: string;
let files: string[];

beforeAll(() => {
  tarball = packedTarball();
  files = tarballFiles(tarball);
}, 300_000);
afterAll(removeTemporaryDirs);

/** Runs both consumers in `dir` with `node`; returns what each printed. */
function runConsumers(dir: string, node?: string): string[][] {
  return ['consumer.mjs', 'consumer.cjs'].map((script) => {
    const r = runNode(script, ['smoke.mvm-bc'], { cwd: dir, ...(node ? { node } : {}) });
    expect(r.stderr, script).toBe('');
    expect(r.status, script).toBe(0);
    return r.stdout.trim().split('\n');
  });
}

describe('the packed tarball', () => {
  it('holds dist/, the prebuilt N-API binary and the C sources for a source build, and nothing else', () => {
    for (const f of ['dist/index.js', 'dist/index.cjs', 'dist/index.d.ts', 'dist/index.d.cts', 'package.json', 'README.md', 'binding.gyp']) {
      expect(files, f).toContain(f);
    }
    expect(files.filter((f) => PREBUILD.test(f))).toHaveLength(1);
    // What binding.gyp compiles: own c/, and dist/csrc/ for what lives
    // elsewhere in the monorepo (port layer, patched engine, shared glue).
    for (const f of [
      'scripts/gyp-sources.cjs',
      'scripts/install.cjs',
      'c/mvn_napi.c',
      'c/mvn_core.c',
      'c/mvn_engine.c',
      'c/mvn_region.c',
      'c/target/mvp_target.h',
      'dist/csrc/engine/microvium.c',
      'dist/csrc/engine/microvium.h',
      'dist/csrc/glue/mvr.c',
      'dist/csrc/glue/mvr.h',
      'dist/csrc/port/microvium_port.h',
      'dist/csrc/port/mvp_config.h',
      'dist/csrc/port/mvp_number.c',
    ]) {
      expect(files, f).toContain(f);
    }
    expect(files.filter((f) => /^(src|test|bench|build)\//.test(f) || (f.endsWith('.ts') && !f.endsWith('.d.ts') && !f.endsWith('.d.cts')))).toEqual([]);
  });

  it('ships exact copies of the port layer, the patched engine and the glue the monorepo builds', () => {
    const glue = join(pkgDir, '..', 'runtime-core', 'c');
    const sources: [string, string][] = [
      ['dist/csrc/engine/microvium.c', join(engineDir, 'microvium.c')], // the installed, patched engine
      ['dist/csrc/engine/microvium.h', join(engineDir, 'microvium.h')],
      ['dist/csrc/glue/mvr.c', join(glue, 'mvr.c')],
      ['dist/csrc/glue/mvr.h', join(glue, 'mvr.h')],
      ...portSources.map((f): [string, string] => [`dist/csrc/port/${basename(f)}`, f]),
      ...readdirSync(includeDir).filter((f) => f.endsWith('.h')).map((f): [string, string] => [`dist/csrc/port/${f}`, join(includeDir, f)]),
    ];
    for (const [inTarball, original] of sources) {
      const copy = execFileSync('tar', ['-xzOf', tarball, `package/${inTarball}`], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
      expect(copy === readFileSync(original, 'utf8'), inTarball).toBe(true);
    }
    // Nothing else under dist/csrc: what is there is exactly what gyp-sources.cjs compiles.
    expect(files.filter((f) => f.startsWith('dist/csrc/') && !f.endsWith('/LICENSE')).sort()).toEqual(sources.map(([f]) => f).sort());
  });
});

describe('a consumer project', () => {
  it('installs the tarball offline and runs it via import and require, with the prebuilt binary', () => {
    const { dir } = installConsumer(tarball, 'prebuilt');
    const installed = join(dir, 'node_modules', PKG);
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
    expect(manifest.dependencies).toEqual({ 'node-gyp-build': '4.8.4' });
    // The install script found the prebuild: nothing was compiled.
    expect(existsSync(join(installed, 'build'))).toBe(false);
    for (const [result, binary] of runConsumers(dir)) {
      expect(result).toBe(smokeExpected);
      expect(binary).toMatch(PREBUILD);
    }
  });

  it('builds from the shipped sources when no prebuild matches, and runs', () => {
    const { dir, installLog } = installConsumer(tarballWithoutPrebuilds(tarball), 'source');
    const installed = join(dir, 'node_modules', PKG);
    expect(existsSync(join(installed, 'prebuilds'))).toBe(false);
    expect(installLog).toContain(`no prebuilt binary for ${platform}, building from source`);
    // Headers from beside the running node (node_root_dir is node-gyp's
    // --nodedir): no download.
    expect(installLog).toContain(`-Dnode_root_dir=${dirname(dirname(process.execPath))}'`);
    expect(installLog).not.toMatch(/gyp http GET|Downloading/i);
    // It compiled the tarball's copies, not anything in the monorepo.
    expect(installLog).toMatch(/dist\/csrc\/port\/mvp_number\.o/);
    expect(existsSync(join(installed, 'build', 'Release', 'mvn.node'))).toBe(true);
    for (const [result, binary] of runConsumers(dir)) {
      expect(result).toBe(smokeExpected);
      expect(binary).toBe('build/Release/mvn.node');
    }
  });
});

describe.skipIf(!nodeMatrix)('Node 24', () => {
  it('loads the same prebuilt N-API binary unchanged, via import, require and `using`', async () => {
    // @ts-expect-error -- plain .mjs script at the repository root
    const { ensureNode } = await import('../../../scripts/node-matrix.mjs');
    const node = join(ensureNode(24) as string, 'node');
    const { dir } = installConsumer(tarball, 'node24');
    const version = runNode('-p', ['process.version'], { node, cwd: dir });
    expect(version.stdout.trim()).toMatch(/^v24\./);
    for (const [result, binary] of runConsumers(dir, node)) {
      expect(result).toBe(smokeExpected);
      expect(binary).toMatch(PREBUILD);
    }
    writeFileSync(
      join(dir, 'using.mjs'),
      `import { Microvium } from '${PKG}';
import { readFileSync } from 'node:fs';
let escaped;
{
  using vm = await Microvium.restore(readFileSync('smoke.mvm-bc'), { 1: (a, b) => a + b });
  escaped = vm;
  console.log(process.version.split('.')[0], vm.exports[1](1, 2));
}
console.log(escaped.alive);
`,
    );
    const r = runNode('using.mjs', [], { node, cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('v24 3\nfalse');
  });
});
