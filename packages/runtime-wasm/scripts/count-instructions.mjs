// Instructions per call, measured with valgrind (stable on a loaded machine):
//   valgrind --tool=callgrind node scripts/count-instructions.mjs KIND N
// Run with N=0 and N>0 and subtract. KIND: add | import | loop
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
const pkg = join(dirname(fileURLToPath(import.meta.url)), '..');
const { Microvium } = await import(join(pkg, 'dist', 'index.js'));
const [kind = 'add', n = '0'] = process.argv.slice(2);
const bytes = readFileSync(join(pkg, 'build', 'bench-guest.mvm-bc'));
await Microvium.ready();
const vm = Microvium.restoreSync(bytes, { 1: (a, b) => a + b });
const f = vm.exports[kind === 'add' ? 1 : kind === 'import' ? 2 : 6];
const warm = 20000;
for (let i = 0; i < warm; i++) f(i, 1);
const N = Number(n);
for (let i = 0; i < N; i++) f(i, 1);
