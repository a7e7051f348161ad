/**
 * The consumer smoke test, written once for every runtime package: a guest,
 * what a consumer must print for it, and the consumer's code through `import`
 * or `require`. Each package's tests install its packed tarball into a fresh
 * project outside the workspace and run this code there.
 */
import { compileGuest } from '@mvtk/compiler';

export const smokeGuest = `
const hostAdd = vmImport(1);
vmExport(1, (a, b) => a + b);
vmExport(2, (a, b) => hostAdd(a, b) * 2);
vmExport(3, async (x) => { const y = await hostAdd(x, 1); return 'async ' + y; });
vmExport(4, () => ({ list: [1, 2, 3], text: 'héllo' }));
`;

/** The smoke guest's snapshot. */
export function smokeSnapshot(): Uint8Array {
  return compileGuest(smokeGuest, { filename: 'smoke.js' }).bytes;
}

/** The first line a consumer prints for the smoke snapshot. */
export const smokeExpected = '5 42 async 11 {"list":[1,2,3],"text":"héllo"}';

/**
 * Consumer code (ESM or CJS) that restores the snapshot named by argv[2]
 * asynchronously and synchronously, calls every export and prints
 * `smokeExpected`; `after` is more code to run at the end (`require` is
 * available in both kinds).
 */
export function consumerSource(kind: 'esm' | 'cjs', specifier: string, after = ''): string {
  const load =
    kind === 'esm'
      ? `import { Microvium } from '${specifier}';\nimport { readFileSync } from 'node:fs';\nimport { createRequire } from 'node:module';\nconst require = createRequire(import.meta.url);`
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
${after}
};
main().catch((e) => { console.error(e); process.exit(1); });
`;
}
