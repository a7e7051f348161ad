// Shared fixtures of the packaging tests: the packed tarball installed into a
// fresh project outside the workspace, and a guest snapshot.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileGuest } from '@mvtk/compiler';

export const pkgDir = join(dirname(fileURLToPath(import.meta.url)), '..');

export const smokeGuest = `
const hostAdd = vmImport(1);
vmExport(1, (a, b) => a + b);
vmExport(2, (a, b) => hostAdd(a, b) * 2);
vmExport(3, async (x) => { const y = await hostAdd(x, 1); return 'async ' + y; });
vmExport(4, () => ({ list: [1, 2, 3], text: 'héllo' }));
`;

/** The smoke guest's snapshot, and what a consumer must print for it. */
export function smokeSnapshot(): Uint8Array {
  return compileGuest(smokeGuest, { filename: 'smoke.js' }).bytes;
}
export const smokeExpected = '5 42 async 11 {"list":[1,2,3],"text":"héllo"}';

/** Consumer code (ESM or CJS) printing `smokeExpected` for the smoke snapshot. */
export function consumerSource(kind: 'esm' | 'cjs', specifier = '@mvtk/runtime-wasm'): string {
  const load =
    kind === 'esm'
      ? `import { Microvium } from '${specifier}';\nimport { readFileSync } from 'node:fs';`
      : `const { Microvium } = require('${specifier}');\nconst { readFileSync } = require('node:fs');`;
  return `${load}
const main = async () => {
  const snapshot = readFileSync(process.argv[2]);
  const vm = await Microvium.restore(snapshot, { 1: (a, b) => Promise.resolve(a + b) });
  const sync = Microvium.restoreSync(snapshot, { 1: (a, b) => a + b });
  const out = [vm.exports[1](2, 3), sync.exports[2](20, 1), await vm.exports[3](10), JSON.stringify(vm.exports[4]())];
  vm.dispose();
  sync.dispose();
  console.log(out.join(' '));
};
main().catch((e) => { console.error(e); process.exit(1); });
`;
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
