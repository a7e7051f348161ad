#!/usr/bin/env node
// `pnpm bench`: CPU-bound guests on this addon, the plain C host (same engine
// build), runtime-wasm (when built) and the microvium package's own Node
// runtime. Medians after warm-up; ratios come from one run on one machine.
//
//   node bench/bench.mjs [--reps 9] [--warmup 3] [--json out.json]
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { compileGuest } from '@mvtk/compiler';
import { buildBenchHost } from './build-host.mjs';
import { guests } from './guests.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { values } = parseArgs({
  options: {
    reps: { type: 'string', default: '9' },
    warmup: { type: 'string', default: '3' },
    json: { type: 'string' },
  },
});
const reps = Number(values.reps), warmup = Number(values.warmup);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const geomean = (xs) => Math.exp(xs.reduce((a, x) => a + Math.log(x), 0) / xs.length);

function timeRuns(run, n, w = warmup, r = reps) {
  let result;
  const times = [];
  for (let i = 0; i < w + r; i++) {
    const t0 = process.hrtime.bigint();
    result = run(n);
    const t1 = process.hrtime.bigint();
    if (i >= w) times.push(Number(t1 - t0));
  }
  return { result, ns: median(times) };
}

// --- runtimes -----------------------------------------------------------
const runtimes = {};

const native = await import('../dist/index.js');
runtimes.native = {
  label: 'runtime-node-native',
  prepare: async (bytes) => {
    const vm = await native.restore(bytes, {});
    const fn = vm.resolveExport(1);
    return { run: (n) => fn(n), dispose: () => vm.dispose() };
  },
};

try {
  const wasm = await import('@mvtk/runtime-wasm');
  runtimes.wasm = {
    label: 'runtime-wasm',
    prepare: async (bytes) => {
      const vm = await wasm.restore(bytes, {});
      const fn = vm.resolveExport(1);
      return { run: (n) => fn(n), dispose: () => vm.dispose() };
    },
  };
} catch (error) {
  console.log(`(runtime-wasm not available: ${error.code ?? error.message}; comparing against the C host only)`);
}

const microvium = require('microvium');
runtimes.microvium = {
  label: 'microvium package (Node)',
  fewer: true,
  prepare: async (bytes) => {
    const vm = microvium.restore({ data: Buffer.from(bytes) }, {});
    const fn = vm.resolveExport(1);
    return { run: (n) => fn(n), dispose: () => {} };
  },
};

// --- run ------------------------------------------------------------------
const host = buildBenchHost();
const dir = join(root, 'build', 'bench');
mkdirSync(dir, { recursive: true });
const rows = [];
for (const [name, guest] of Object.entries(guests)) {
  const { bytes } = compileGuest(guest.source, { filename: `${name}.js` });
  const file = join(dir, `${name}.mvm-bc`);
  writeFileSync(file, bytes);
  const lines = execFileSync(host, [file, String(guest.n), String(warmup), String(reps)], { encoding: 'utf8' })
    .trim().split('\n');
  const row = { guest: name, c: { result: Number(lines[0]), ns: median(lines.slice(1).map(Number)) } };
  for (const [key, rt] of Object.entries(runtimes)) {
    const vm = await rt.prepare(bytes);
    row[key] = rt.fewer ? timeRuns(vm.run, guest.n, 1, 3) : timeRuns(vm.run, guest.n);
    vm.dispose();
    if (row[key].result !== row.c.result) {
      throw new Error(`${name}: ${rt.label} returned ${row[key].result}, the C host ${row.c.result}`);
    }
  }
  rows.push(row);
}

const ms = (ns) => (ns / 1e6).toFixed(2);
const keys = ['c', ...Object.keys(runtimes)];
console.log(`\nCPU-bound guests, median of ${reps} after ${warmup} warm-up runs (ms):`);
console.log(['guest', ...keys].map((k) => k.padStart(12)).join(''));
for (const row of rows) console.log([row.guest, ...keys.map((k) => ms(row[k].ns))].map((s) => s.padStart(12)).join(''));

const ratio = (a, b) => geomean(rows.map((r) => r[a].ns / r[b].ns));
const summary = { nativeOverC: ratio('native', 'c'), nativeOverMicrovium: ratio('native', 'microvium') };
if (runtimes.wasm) summary.nativeOverWasm = ratio('native', 'wasm');
console.log('\nGeometric means of time ratios:');
console.log(`  native / plain C host        ${summary.nativeOverC.toFixed(3)}   (target <= 1.15)`);
if (runtimes.wasm) console.log(`  native / runtime-wasm         ${summary.nativeOverWasm.toFixed(3)}   (target <= 0.65)`);
console.log(`  native / microvium package    ${summary.nativeOverMicrovium.toFixed(4)}`);

// --- host -> guest call overhead --------------------------------------------
const { bytes: tiny } = compileGuest(`vmExport(1, (x) => x);`);
const calls = {};
for (const key of ['native', 'wasm']) {
  if (!runtimes[key]) continue;
  const vm = await runtimes[key].prepare(tiny);
  const N = 200_000;
  const loop = () => { let s = 0; for (let i = 0; i < N; i++) s += vm.run(i & 1023); return s; };
  calls[key] = timeRuns(loop, 0, 2, 7).ns / N;
  vm.dispose();
}
console.log('\nHost -> guest call (identity function, one int argument), ns per call:');
for (const [key, ns] of Object.entries(calls)) console.log(`  ${runtimes[key].label.padEnd(28)} ${ns.toFixed(0)}`);
summary.callNs = calls;

if (values.json) writeFileSync(values.json, JSON.stringify({ rows, summary }, null, 2));
