#!/usr/bin/env node
// Soak: VMs restored, exercised, snapshotted, restored again and disposed in
// a loop for a fixed time, with host memory and handle counts sampled.
//
//   node --expose-gc scripts/soak.mjs --runtime wasm|native [--seconds S] [--warmup S] [--sample-ms MS] [--json]
//
// Each cycle: a VM from a snapshot with state, objects, closures, classes,
// async functions and a host import; calls, objects in and proxies out,
// awaits; a snapshot of it, restored and checked; one VM in eight runs out
// of heap (a fatal error); all disposed. A long-lived VM beside them gets
// and drops proxies. Every sample (after gc()): RSS, V8 heap, external and
// array buffers, the long-lived VM's liveHandleCount, and for the native
// addon liveVms() and liveRegions(). Prints a summary: first- and
// last-quarter medians of the samples after the warm-up (the first --warmup
// seconds: JIT, pools and caches filling); --json adds it, with every
// sample, as a JSON line.
import { parseArgs } from 'node:util';
import { compileGuest } from '@mvtk/compiler';

const { values: opt } = parseArgs({
  options: {
    runtime: { type: 'string' },
    seconds: { type: 'string', default: '20' },
    'sample-ms': { type: 'string', default: '500' },
    warmup: { type: 'string', default: '3' },
    json: { type: 'boolean', default: false },
  },
});
const runtimes = { wasm: '@mvtk/runtime-wasm', native: '@mvtk/runtime-node-native' };
if (!runtimes[opt.runtime]) {
  process.stderr.write('usage: soak.mjs --runtime wasm|native [--seconds S] [--sample-ms MS] [--json]\n');
  process.exit(2);
}
if (typeof globalThis.gc !== 'function') {
  process.stderr.write('soak.mjs needs node --expose-gc\n');
  process.exit(2);
}
const rt = await import(runtimes[opt.runtime]);
const { Microvium } = rt;
await Microvium.ready();

const source = `
const log = vmImport(1);
const later = vmImport(2);
let counter = 0;
class Point { constructor(x, y) { this.x = x; this.y = y; } sum() { return this.x + this.y; } }
vmExport(1, (n) => { counter += n; return counter; });
let items = [];
vmExport(2, (o) => { if (items.length >= 20) items = []; items.push({ name: o.name, n: o.list.length }); return items.length; });
vmExport(3, () => ({ counter, items, point: new Point(counter, 2), bytes: Microvium.newUint8Array(4) }));
vmExport(4, async (x) => { const y = await later(x); return 'async ' + (y + counter); });
vmExport(5, (s) => { let t = ''; for (let i = 0; i < 10; i++) t = t + s; log(t); return t; });
vmExport(6, () => { let keep; while (true) keep = { next: keep, pad: [1, 2, 3, 4] }; });
vmExport(7, () => counter);`;
const snapshot = compileGuest(source).bytes;
let lastPrinted;
const imports = { 1: (t) => (lastPrinted = t), 2: (x) => Promise.resolve(x * 2) };

const fail = (what) => {
  throw new Error(`soak check failed: ${what}`);
};

async function cycle(i) {
  const vm = Microvium.restoreSync(snapshot, imports);
  try {
    if (vm.exports[1](i % 7) !== i % 7) fail('counter');
    vm.exports[2]({ name: `n${i}`, list: [1, 2, 3] });
    const state = vm.exports[3]();
    if (state.point.sum() !== state.counter + 2) fail('class');
    if (state.items.length !== 1 || state.items[0].name !== `n${i}`) fail('items');
    state.bytes.set([1, 2], 0);
    if (vm.exports[5]('ab').length !== 20 || lastPrinted.length !== 20) fail('string');
    const a = await vm.exports[4](3);
    if (a !== `async ${6 + (i % 7)}`) fail(`async ${a}`);
    vm.runGC();
    const bytes = vm.createSnapshot();
    const again = Microvium.restoreSync(bytes, imports);
    try {
      if (again.exports[7]() !== i % 7) fail('snapshot state');
      if (again.exports[1](1) !== (i % 7) + 1) fail('restored counter');
    } finally {
      again.dispose();
    }
    if (i % 8 === 0) {
      const doomed = Microvium.restoreSync(snapshot, imports);
      try {
        doomed.exports[6]();
        fail('no out-of-memory');
      } catch (e) {
        if (!(e instanceof rt.MicroviumError) || !e.fatal) throw e;
      } finally {
        doomed.dispose();
      }
      return 3;
    }
    return 2;
  } finally {
    vm.dispose();
  }
}

const longLived = Microvium.restoreSync(snapshot, imports);
const baseHandles = longLived.liveHandleCount;
const samples = [];
const sample = async (t, cycles, vms) => {
  // gc(), then turns of the event loop for the FinalizationRegistry
  // callbacks that release dropped proxies, until three turns in a row
  // release none: on a loaded machine the callbacks lag behind (they are a
  // task of their own, which may run after a short timer), and a sample
  // should measure what leaks, not how late they run (measured with three
  // busy processes on two cores: two turns left up to 475 handles out).
  for (let k = 0, idle = 0, before = Infinity; k < 50 && idle < 3; k++) {
    globalThis.gc();
    await new Promise((r) => setTimeout(r, 10));
    const now = longLived.liveHandleCount;
    idle = now < before ? 0 : idle + 1;
    before = now;
  }
  const m = process.memoryUsage();
  samples.push({
    t,
    cycles,
    vms,
    rss: m.rss,
    heapUsed: m.heapUsed,
    external: m.external,
    arrayBuffers: m.arrayBuffers,
    handles: longLived.liveHandleCount - baseHandles,
    ...(opt.runtime === 'native' ? { liveVms: rt.liveVms(), liveRegions: rt.liveRegions() } : {}),
  });
};

const seconds = Number(opt.seconds);
const sampleMs = Number(opt['sample-ms']);
const t0 = Date.now();
let cycles = 0;
let vms = 0;
let nextSample = t0;
while (Date.now() - t0 < seconds * 1000) {
  vms += await cycle(cycles++);
  // The long-lived VM: proxies made and released (one in 200 left to the
  // host GC: until it runs, such a proxy keeps its guest object alive).
  for (let k = 0; k < 5; k++) {
    const p = longLived.exports[3]();
    if ((cycles * 5 + k) % 200 !== 0) longLived.release(p);
  }
  // A turn of the event loop now and then, as a server's loop has: the
  // FinalizationRegistry callbacks that release dropped proxies run there.
  if (cycles % 64 === 0) await new Promise((r) => setImmediate(r));
  if (Date.now() >= nextSample) {
    await sample(Date.now() - t0, cycles, vms);
    nextSample = Date.now() + sampleMs;
  }
}
await sample(Date.now() - t0, cycles, vms);
longLived.dispose();

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const warmupMs = Number(opt.warmup) * 1000;
const steady = samples.filter((x) => x.t >= warmupMs);
const q = Math.max(1, Math.floor(steady.length / 4));
const keys = ['rss', 'heapUsed', 'external', 'arrayBuffers', 'handles', ...(opt.runtime === 'native' ? ['liveVms', 'liveRegions'] : [])];
const quarter = (part) => Object.fromEntries(keys.map((k) => [k, median(part.map((s) => s[k]))]));
const summary = {
  runtime: opt.runtime,
  seconds: (Date.now() - t0) / 1000,
  cycles,
  vms,
  vmsPerSecond: Number((vms / ((Date.now() - t0) / 1000)).toFixed(1)),
  samples: samples.length,
  steadySamples: steady.length,
  firstQuarter: quarter(steady.slice(0, q)),
  lastQuarter: quarter(steady.slice(-q)),
  max: Object.fromEntries(keys.map((k) => [k, Math.max(...samples.map((s) => s[k]))])),
};
const mb = (x) => `${(x / 1048576).toFixed(1)} MB`;
process.stderr.write(
  `soak ${opt.runtime}: ${vms} VMs in ${cycles} cycles, ${summary.seconds.toFixed(1)} s (${summary.vmsPerSecond} VMs/s); ` +
    `RSS median ${mb(summary.firstQuarter.rss)} (first quarter) -> ${mb(summary.lastQuarter.rss)} (last quarter), max ${mb(summary.max.rss)}; ` +
    `V8 heap ${mb(summary.firstQuarter.heapUsed)} -> ${mb(summary.lastQuarter.heapUsed)}; handles ${summary.firstQuarter.handles} -> ${summary.lastQuarter.handles}` +
    (opt.runtime === 'native' ? `; liveVms ${summary.firstQuarter.liveVms} -> ${summary.lastQuarter.liveVms}, liveRegions ${summary.firstQuarter.liveRegions} -> ${summary.lastQuarter.liveRegions}` : '') +
    '\n',
);
if (opt.json) process.stdout.write(`${JSON.stringify({ ...summary, all: samples })}\n`);
