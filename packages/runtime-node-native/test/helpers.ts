// Shared fixtures of this package's tests: guest snapshots, the packed
// tarball installed into fresh projects outside the workspace, and running
// scripts in child processes.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { consumerSource as sharedConsumerSource, smokeSnapshot } from '@mvtk/runtime-core/test/consumer';

export const pkgDir = join(dirname(fileURLToPath(import.meta.url)), '..');
export const fixturesDir = join(pkgDir, 'test', 'fixtures');
export const PKG = '@mvtk/runtime-node-native';

const temporary: string[] = [];

/** A new directory in the system temp directory, removed by {@link removeTemporaryDirs}. */
export function temporaryDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temporary.push(dir);
  return dir;
}

/** Removes the directories made by {@link temporaryDir} (kept when MVTK_KEEP_TMP is set, to debug). */
export function removeTemporaryDirs(): void {
  if (process.env.MVTK_KEEP_TMP) return;
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Child-process tests run the built package (dist/), as a consumer would. */
export function assertBuilt(): void {
  for (const f of ['dist/index.js', 'dist/index.cjs']) {
    if (!existsSync(join(pkgDir, f))) throw new Error(`${f} is missing: run \`pnpm run build\` in ${pkgDir} first`);
  }
}

/** Runs `node [nodeArgs] script args` and returns its status and output (never throws on exit status). */
export function runNode(script: string, args: string[] = [], options: { nodeArgs?: string[]; cwd?: string; node?: string; timeout?: number } = {}) {
  const r = spawnSync(options.node ?? process.execPath, [...(options.nodeArgs ?? []), script, ...args], {
    cwd: options.cwd ?? pkgDir,
    encoding: 'utf8',
    timeout: options.timeout ?? 120_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status, signal: r.signal, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/** The last line of a fixture's stdout, parsed as JSON. */
export function lastJson<T = Record<string, unknown>>(stdout: string): T {
  const lines = stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]!) as T;
}

// ---- The consumer smoke test (runtime-core/test/consumer.ts; the same for every runtime) ----

export { smokeExpected, smokeSnapshot } from '@mvtk/runtime-core/test/consumer';

/** Consumer code (ESM or CJS) printing `smokeExpected`, then the addon file node-gyp-build loaded. */
export function consumerSource(kind: 'esm' | 'cjs'): string {
  return sharedConsumerSource(
    kind,
    PKG,
    `  // Which binary node-gyp-build picks for this package (a prebuild or build/Release).
  const { dirname } = require('node:path');
  const root = dirname(require.resolve('${PKG}/package.json'));
  console.log(require('node-gyp-build').path(root).slice(root.length + 1));`,
  );
}

let tarball: string | undefined;

/** `pnpm pack` this package (its prepack script adds dist/csrc), once per test file. */
export function packedTarball(): string {
  if (tarball) return tarball;
  const dir = temporaryDir('mvn-pack-');
  execFileSync('pnpm', ['pack', '--pack-destination', dir], { cwd: pkgDir, stdio: 'pipe' });
  const name = readdirSync(dir).find((f) => f.endsWith('.tgz'));
  if (!name) throw new Error('pnpm pack wrote no tarball');
  tarball = join(dir, name);
  return tarball;
}

/** The tarball's file list, without the leading `package/`. */
export function tarballFiles(file: string): string[] {
  return execFileSync('tar', ['-tzf', file], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((f) => f.replace(/^package\//, ''));
}

/**
 * A copy of the tarball without prebuilds/, so installing it must build from
 * the shipped sources.
 */
export function tarballWithoutPrebuilds(file: string): string {
  const dir = temporaryDir('mvn-nopre-');
  execFileSync('tar', ['-xzf', file, '-C', dir]);
  rmSync(join(dir, 'package', 'prebuilds'), { recursive: true, force: true });
  const out = join(dir, 'mvtk-runtime-node-native-noprebuilds.tgz');
  execFileSync('tar', ['-czf', out, '-C', dir, 'package']);
  return out;
}

/**
 * A fresh project in the system temp directory (outside the workspace) with
 * the tarball installed by `npm install --offline`, install scripts on.
 * node-gyp-build, the package's one dependency, is packed from the copy the
 * workspace installed (same pinned version): nothing comes from the network.
 */
export function installConsumer(packageTarball: string, label: string): { dir: string; installLog: string } {
  const dir = temporaryDir(`mvn-consumer-${label}-`);
  mkdirSync(join(dir, 'deps'));
  execFileSync('npm', ['pack', '--silent', '--pack-destination', join(dir, 'deps'), join(pkgDir, 'node_modules', 'node-gyp-build')], {
    cwd: dir,
    stdio: 'pipe',
  });
  const ngb = readdirSync(join(dir, 'deps')).find((f) => f.startsWith('node-gyp-build-'))!;
  const local = join(dir, 'deps', 'runtime.tgz');
  writeFileSync(local, readFileSync(packageTarball));
  // npm's allowScripts (advisory in npm 11, enforced from npm 12): approve
  // this package's install script, by name and by this tarball's spec.
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({
      name: `consumer-${label}`,
      private: true,
      version: '1.0.0',
      allowScripts: { [PKG]: true, [`file:${local}`]: true },
    }),
  );
  const r = spawnSync(
    'npm',
    ['install', '--offline', '--no-audit', '--no-fund', '--foreground-scripts', `./deps/${ngb}`, './deps/runtime.tgz'],
    {
      cwd: dir,
      encoding: 'utf8',
      // A header download would need the network: make any attempt fail.
      env: { ...process.env, HTTPS_PROXY: 'http://127.0.0.1:9', HTTP_PROXY: 'http://127.0.0.1:9', npm_config_proxy: 'http://127.0.0.1:9', npm_config_https_proxy: 'http://127.0.0.1:9' },
      timeout: 300_000,
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const installLog = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  if (r.status !== 0) throw new Error(`npm install failed (${r.status ?? r.signal}):\n${installLog}`);
  writeFileSync(join(dir, 'smoke.mvm-bc'), smokeSnapshot());
  writeFileSync(join(dir, 'consumer.mjs'), consumerSource('esm'));
  writeFileSync(join(dir, 'consumer.cjs'), consumerSource('cjs'));
  return { dir, installLog };
}
