// Shared fixtures of the packaging tests: the packed tarball installed into a
// fresh project outside the workspace, and a guest snapshot.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { consumerSource as sharedConsumerSource, smokeSnapshot } from '@mvtk/runtime-core/test/consumer';

export const pkgDir = join(dirname(fileURLToPath(import.meta.url)), '..');

export { smokeExpected, smokeSnapshot } from '@mvtk/runtime-core/test/consumer';

/** Consumer code (ESM or CJS) printing `smokeExpected` for the smoke snapshot. */
export function consumerSource(kind: 'esm' | 'cjs', specifier = '@mvtk/runtime-wasm'): string {
  return sharedConsumerSource(kind, specifier);
}

let installed: string | undefined;

/** `pnpm pack` the package and `npm install` the tarball into a new temp project (once). */
export function installedConsumer(): string {
  if (installed) return installed;
  const dir = mkdtempSync(join(tmpdir(), 'mvtk-consumer-'));
  execFileSync('pnpm', ['pack', '--pack-destination', dir], { cwd: pkgDir, stdio: 'pipe' });
  const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'))!;
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, version: '1.0.0' }));
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', `./${tarball}`], {
    cwd: dir,
    stdio: 'pipe',
  });
  writeFileSync(join(dir, 'smoke.mvm-bc'), smokeSnapshot());
  installed = dir;
  return dir;
}
