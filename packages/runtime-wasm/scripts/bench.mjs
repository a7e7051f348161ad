// Benchmarks of the built package (dist/): prints a table of medians.
//   node scripts/bench.mjs [--quick]
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileGuest } from '@mvtk/compiler';

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..');
const quick = process.argv.includes('--quick');
const { Microvium } = await import(join(pkg, 'dist', 'index.js'));

const guest = `
const hostAdd = vmImport(1);
vmExport(1, (a, b) => a + b);
vmExport(2, (a, b) => hostAdd(a, b));
vmExport(3, (s) => s);
vmExport(4, () => obj);
vmExport(5, (o) => o.a);
vmExport(6, (n) => { let r = 0; for (let i = 0; i < n; i++) r = (r + i * 7) % 1000; return r; });
const obj = { a: 1, b: 'two' };
`;
const { bytes } = compileGuest(guest);
const imports = { 1: (a, b) => a + b };

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

/** ns per iteration of fn(i): median of `runs` timed batches after a warm-up. */
function bench(fn, iterations, runs = 9) {
  for (let i = 0; i < iterations; i++) fn(i); // warm-up (V8 tiers up, Liftoff -> TurboFan)
  const times = [];
  for (let r = 0; r < runs; r++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < iterations; i++) fn(i);
    times.push(Number(process.hrtime.bigint() - t0) / iterations);
  }
  return median(times);
}

const rows = [];
const row = (name, value, unit, goal = '') => rows.push({ name, value, unit, goal });

// Cold: first restore and call in this process.
let t0 = process.hrtime.bigint();
await Microvium.ready();
const compileUs = Number(process.hrtime.bigint() - t0) / 1e3;
t0 = process.hrtime.bigint();
const cold = Microvium.restoreSync(bytes, imports);
cold.exports[1](1, 2);
const coldUs = Number(process.hrtime.bigint() - t0) / 1e3;
cold.dispose();
row('compile module (once per process)', compileUs.toFixed(0), 'µs');
row('cold: first restore + first call', coldUs.toFixed(0), 'µs');

const N = quick ? 200_000 : 1_000_000;
const vm = Microvium.restoreSync(bytes, imports);
const add = vm.exports[1];
const viaHost = vm.exports[2];
const echo = vm.exports[3];
const getObj = vm.exports[4];
const readA = vm.exports[5];
const loop = vm.exports[6];
row('host -> guest add(a, b)', bench((i) => add(i, 1), N).toFixed(1), 'ns/call', '<= 90');
row('import round trip (host -> guest -> host -> guest -> host)', bench((i) => viaHost(i, 1), N).toFixed(1), 'ns/call', '<= 150');
row('add(a, b) with doubles', bench((i) => add(i + 0.5, 0.25), N).toFixed(1), 'ns/call');
row('echo a 16-char string', bench(() => echo('sixteen chars!!!'), N / 4).toFixed(1), 'ns/call');
const o = getObj();
row('proxy property read (o.a)', bench(() => o.a, N / 4).toFixed(1), 'ns/read');
row('pass {a, b} object (copied)', bench((i) => readA({ a: i, b: 2 }), N / 10).toFixed(1), 'ns/call');
row('get object (new proxy per call)', bench(() => getObj(), N / 10).toFixed(1), 'ns/call');
row('guest loop, 1000 iterations', (bench(() => loop(1000), quick ? 200 : 1000) / 1000).toFixed(1), 'ns/iteration');
vm.dispose();

const restoreNs = bench(() => Microvium.restoreSync(bytes, imports).dispose(), quick ? 2000 : 10_000);
row('restore (restoreSync + dispose)', (restoreNs / 1000).toFixed(1), 'µs', '<= 30');

// Memory per VM: WebAssembly memory of each instance, and 10,000 live VMs.
const probe = Microvium.restoreSync(bytes, imports);
row('WASM memory per VM', (probe.getMemoryStats().engineMemory / 1024).toFixed(0), 'KiB', '<= 128');
probe.dispose();
const count = quick ? 2000 : 10_000;
global.gc?.();
const rss0 = process.memoryUsage().rss;
t0 = process.hrtime.bigint();
const vms = [];
for (let i = 0; i < count; i++) vms.push(Microvium.restoreSync(bytes, imports));
const makeMs = Number(process.hrtime.bigint() - t0) / 1e6;
let sum = 0;
for (const v of vms) sum += v.exports[1](1, 2);
if (sum !== 3 * count) throw new Error('wrong result');
const rss1 = process.memoryUsage().rss;
row(`${count} live VMs: created in`, makeMs.toFixed(0), 'ms');
row(`${count} live VMs: RSS growth per VM`, ((rss1 - rss0) / count / 1024).toFixed(0), 'KiB');
for (const v of vms) v.dispose();

const wasm = readFileSync(join(pkg, 'dist', 'microvium.wasm'));
const bundle = readFileSync(join(pkg, 'dist', 'index.js'));
row('microvium.wasm', (wasm.length / 1000).toFixed(1), 'kB', '<= 36');
row('microvium.wasm gzipped', (gzipSync(wasm, { level: 9 }).length / 1000).toFixed(1), 'kB');
row('bundle dist/index.js (minified, wasm inlined)', (bundle.length / 1000).toFixed(1), 'kB', '<= 64');
row('bundle gzipped', (gzipSync(bundle, { level: 9 }).length / 1000).toFixed(1), 'kB');

const w = Math.max(...rows.map((r) => r.name.length));
console.log(`@mvtk/runtime-wasm benchmark (Node ${process.version}, medians of 9 runs after warm-up${quick ? ', quick' : ''})`);
console.log(`${'measure'.padEnd(w)}  ${'value'.padStart(9)}  ${'unit'.padEnd(12)}  goal`);
for (const r of rows) console.log(`${r.name.padEnd(w)}  ${String(r.value).padStart(9)}  ${r.unit.padEnd(12)}  ${r.goal}`);
