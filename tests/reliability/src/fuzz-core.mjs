// Snapshot fuzzing, shared by scripts/fuzz.mjs (quick and nightly runs) and
// scripts/replay.mjs: the seed corpus, a deterministic mutator (case `i` of
// seed `s` is always the same bytes, so a crashing case can be regenerated
// from its number alone) and the per-case exercise of a runtime through its
// public API, with every outcome classified.
//
// The CRC and header layout come from the native runtime's own fuzz corpus
// (packages/runtime-node-native/test/fuzz/corpus.mjs):
//   0 u8 bytecodeVersion   1 u8 headerSize   2 u8 requiredEngineVersion
//   3 u8 reserved          4 u16 bytecodeSize 6 u16 crc (CRC-16/CCITT-FALSE over [8, bytecodeSize))
//   8 u32 requiredFeatureFlags   12 u16 sectionOffsets[8]
import { readFileSync, writeFileSync } from 'node:fs';
import { crc16, fixHeader, rng } from '../../../packages/runtime-node-native/test/fuzz/corpus.mjs';
import { seedSources } from '../../../packages/runtime-node-native/test/fuzz/seeds.mjs';

export { crc16, fixHeader, rng };

export const HEADER_BYTES = 28;
const SECTIONS = 8;
const interesting16 = [0, 1, 2, 3, 4, 0x7f, 0x80, 0xff, 0x100, 0x3fff, 0x4000, 0x7fff, 0x8000, 0x8001, 0xfffc, 0xfffe, 0xffff];
const interesting8 = [0, 1, 2, 0x7f, 0x80, 0xfe, 0xff];

/** Extra seed guests: host interaction the fuzz seeds and the suite use less. */
export const extraSeedSources = [
  `const host = vmImport(2);
let store = { list: [], bytes: Microvium.newUint8Array(8) };
vmExport(0, (x) => { store.list.push(x); return store; });
vmExport(1, (o) => { if (o && typeof o === 'object') { o.seen = true; return Reflect.ownKeys(o).length; } return host(o); });
vmExport(2, (a) => { const out = []; for (let i = 0; i < 20; i++) out.push({ i, s: 'x' + i, n: i * 0.25 }); return out; });
vmExport(3, (f) => typeof f === 'function' ? f(1, 2) : [f]);`,
  `function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
const memo = [];
vmExport(0, (n) => { memo.length = 0; for (let i = 0; i < 12; i++) memo.push(fib(i)); return memo; });
vmExport(1, (s) => { let t = ''; for (let i = 0; i < 10; i++) t += 'AB'[i & 1] + s; return t; });
vmExport(2, (n) => { try { null.x; } catch (e) { return 'caught ' + n; } });
vmExport(3, () => { throw { code: 7, nested: [1, 'two'] }; });`,
];

// ---- seeds ------------------------------------------------------------------

/** Length-prefixed list of byte arrays (the corpus file the workers read). */
export function writeCorpus(file, seeds) {
  let size = 4;
  for (const s of seeds) size += 4 + s.length;
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  view.setUint32(0, seeds.length, true);
  let at = 4;
  for (const s of seeds) {
    view.setUint32(at, s.length, true);
    out.set(s, at + 4);
    at += 4 + s.length;
  }
  writeFileSync(file, out);
}

export function readCorpus(file) {
  const buf = readFileSync(file);
  const bytes = new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = view.getUint32(0, true);
  const seeds = [];
  let at = 4;
  for (let i = 0; i < n; i++) {
    const len = view.getUint32(at, true);
    seeds.push(bytes.slice(at + 4, at + 4 + len));
    at += 4 + len;
  }
  return seeds;
}

/**
 * The seed corpus: the native runtime's fuzz seeds and ours, every case of
 * the shared suite, and snapshots captured after running the suite's
 * scenarios (heaps in a state the compiler never writes), made with the WASM
 * runtime. Deterministic.
 */
export async function buildSeeds() {
  const { compileGuest } = await import('@mvtk/compiler');
  const { loadCases, compileCached } = await import('@mvtk/shared-suite');
  const { Microvium } = await import('@mvtk/runtime-wasm');
  await Microvium.ready();
  const seeds = [];
  for (const s of [...seedSources, ...extraSeedSources]) seeds.push(compileGuest(s).bytes);
  const cases = loadCases();
  const scenarios = [];
  for (const c of cases) {
    let bytes;
    try {
      bytes = compileCached(c.id, c.source);
    } catch {
      continue;
    }
    seeds.push(bytes);
    scenarios.push({ bytes, steps: c.steps });
  }
  // Post-run captures.
  const imports = { 1: () => undefined, 2: (x) => x, 3: (x) => Promise.resolve(x) };
  for (const { bytes, steps } of scenarios) {
    let vm;
    try {
      vm = Microvium.restoreSync(bytes, imports);
      for (const step of steps) {
        if (step.kind !== 'call' || !vm.alive) continue;
        const f = vm.exports[step.exportId];
        if (typeof f !== 'function') continue;
        vm.stopAfterNInstructions(200_000);
        try {
          const r = f(...step.args);
          if (r instanceof Promise) r.catch(() => undefined);
        } catch {
          // guest throws and engine errors are part of the scenario
        }
      }
      if (!vm.alive) continue;
      vm.stopAfterNInstructions(-1);
      vm.runGC();
      const snap = vm.createSnapshot();
      if (!seeds.some((s) => s.length === snap.length && s.every((b, i) => b === snap[i]))) seeds.push(snap);
    } catch {
      // a scenario that ends fatally gives no capture
    } finally {
      if (vm?.alive) vm.dispose();
    }
  }
  return seeds;
}

// ---- mutator ------------------------------------------------------------------

/** A 32-bit hash of (seed, index): each case has its own PRNG stream. */
export function caseSeed(seed, index) {
  let h = Math.imul((seed >>> 0) ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index >>> 0, 0xc2b2ae35) ^ Math.floor(index / 0x100000000);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}

const KINDS = [
  ['flip', 3], ['byte', 2], ['word', 3], ['nudge', 2], ['truncate', 1], ['extend', 1], ['splice', 2],
  ['graft', 1], ['insert', 1], ['delete', 1], ['header', 2], ['section', 2], ['dup', 1], ['staleflip', 0.4],
];
const KIND_TOTAL = KINDS.reduce((a, [, w]) => a + w, 0);

function pickKind(r) {
  let x = r() * KIND_TOTAL;
  for (const [k, w] of KINDS) if ((x -= w) < 0) return k;
  return 'flip';
}

const view = (b) => new DataView(b.buffer, b.byteOffset, b.byteLength);
const bodyOffset = (r, b) => Math.min(b.length, HEADER_BYTES + r.int(Math.max(1, b.length - HEADER_BYTES)));

function applyMutation(kind, b, r, seeds, state) {
  switch (kind) {
    case 'flip': {
      const n = 1 + r.int(8);
      for (let k = 0; k < n; k++) {
        const at = 8 + r.int(Math.max(1, b.length - 8));
        if (at < b.length) b[at] ^= 1 << r.int(8);
      }
      return b;
    }
    case 'staleflip': {
      // anywhere, CRC left stale: the CRC check must refuse it
      const at = r.int(b.length);
      b[at] ^= 1 << r.int(8);
      state.fix = false;
      return b;
    }
    case 'byte': {
      const n = 1 + r.int(4);
      for (let k = 0; k < n; k++) {
        const at = 8 + r.int(Math.max(1, b.length - 8));
        if (at < b.length) b[at] = r() < 0.7 ? r.pick(interesting8) : r.int(256);
      }
      return b;
    }
    case 'word':
    case 'nudge': {
      const n = 1 + r.int(3);
      const v = view(b);
      for (let k = 0; k < n; k++) {
        const at = HEADER_BYTES + 2 * r.int(Math.max(1, (b.length - HEADER_BYTES) >> 1));
        if (at + 2 > b.length) continue;
        const old = v.getUint16(at, true);
        const value = kind === 'word' ? (r() < 0.7 ? r.pick(interesting16) : r.int(0x10000)) : (old + r.pick([-8, -4, -2, -1, 1, 2, 4, 8])) & 0xffff;
        v.setUint16(at, value, true);
      }
      return b;
    }
    case 'truncate': {
      const out = b.slice(0, r() < 0.5 ? r.int(b.length) : Math.max(0, b.length - 1 - r.int(16)));
      if (r() < 0.15) state.size = false; // keep the old bytecodeSize
      return out;
    }
    case 'extend': {
      const grown = new Uint8Array(b.length + 1 + r.int(r() < 0.9 ? 64 : 2048));
      grown.set(b);
      const fill = r.int(3);
      for (let k = b.length; k < grown.length; k++) grown[k] = fill === 0 ? 0 : fill === 1 ? 0xff : r.int(256);
      return grown;
    }
    case 'splice': {
      const other = r.pick(seeds);
      const cut = 8 + r.int(Math.max(1, Math.min(b.length, other.length) - 8));
      const joined = new Uint8Array(cut + Math.max(0, other.length - cut));
      joined.set(b.subarray(0, cut));
      joined.set(other.subarray(cut), cut);
      return joined;
    }
    case 'graft': {
      // a chunk of another seed over this one, at the same offset (sections often line up)
      const other = r.pick(seeds);
      const at = bodyOffset(r, b);
      const len = Math.min(1 + r.int(64), b.length - at, Math.max(0, other.length - at));
      if (len > 0) b.set(other.subarray(at, at + len), at);
      return b;
    }
    case 'insert': {
      const at = bodyOffset(r, b);
      const n = 1 + r.int(16);
      const out = new Uint8Array(b.length + n);
      out.set(b.subarray(0, at));
      for (let k = 0; k < n; k++) out[at + k] = r.int(256);
      out.set(b.subarray(at), at + n);
      return out;
    }
    case 'delete': {
      const at = bodyOffset(r, b);
      const n = Math.min(1 + r.int(16), b.length - at);
      const out = new Uint8Array(b.length - n);
      out.set(b.subarray(0, at));
      out.set(b.subarray(at + n), at);
      return out;
    }
    case 'dup': {
      const from = bodyOffset(r, b);
      const to = bodyOffset(r, b);
      const len = Math.min(2 + r.int(32), b.length - from, b.length - to);
      if (len > 0) b.copyWithin(to, from, from + len);
      return b;
    }
    case 'header': {
      if (b.length < HEADER_BYTES) return b;
      const v = view(b);
      const field = r.pick(['version', 'headerSize', 'engine', 'reserved', 'size', 'flags', 'section', 'section']);
      if (field === 'version') b[0] = r.pick([0, b[0] - 1, b[0] + 1, 0xff]) & 0xff;
      else if (field === 'headerSize') b[1] = r.pick([0, 1, 8, 12, b[1] - 2, b[1] + 2, 0xff]) & 0xff;
      else if (field === 'engine') b[2] = r.pick([0, b[2] - 1, b[2] + 1, 0xff]) & 0xff;
      else if (field === 'reserved') b[3] = r.int(256);
      else if (field === 'flags') v.setUint32(8, r.pick([0, 1, 2, 3, 0xffffffff, r.int(2 ** 32)]) >>> 0, true);
      else if (field === 'section') v.setUint16(12 + 2 * r.int(SECTIONS), r.pick([...interesting16, r.int(b.length + 64)]), true);
      else {
        v.setUint16(4, r.pick([0, 8, HEADER_BYTES, b.length - 1, b.length + 1, b.length + 2, 0xffff]) & 0xffff, true);
        state.size = false;
      }
      return b;
    }
    case 'section': {
      if (b.length < HEADER_BYTES) return b;
      const v = view(b);
      const offs = Array.from({ length: SECTIONS }, (_, k) => v.getUint16(12 + 2 * k, true));
      const how = r.int(4);
      if (how === 0) {
        const a = r.int(SECTIONS);
        const c = r.int(SECTIONS);
        [offs[a], offs[c]] = [offs[c], offs[a]];
      } else if (how === 1) {
        offs[r.int(SECTIONS)] = Math.min(0xffff, b.length + r.int(0x10000 - Math.min(b.length, 0xffff)));
      } else if (how === 2) {
        const k = r.int(SECTIONS);
        offs[k] = (offs[k] + r.pick([-4, -2, -1, 1, 2, 4])) & 0xffff;
      } else {
        const k = r.int(SECTIONS);
        offs[k] = offs[r.int(SECTIONS)]; // an empty or overlapping section
      }
      offs.forEach((o, k) => v.setUint16(12 + 2 * k, o, true));
      return b;
    }
  }
  return b;
}

/**
 * Case `index` of run `seed`: `{ bytes, kinds, base }`. Usually one
 * mutation, sometimes up to four stacked; bytecodeSize and the CRC are fixed
 * up afterwards (unless a mutation is about them) so the bytes reach the
 * engine's parser rather than stopping at the CRC check.
 */
export function mutantFor(seeds, seed, index) {
  const r = rng(caseSeed(seed, index));
  const base = r.int(seeds.length);
  let b = Uint8Array.from(seeds[base]);
  const count = r() < 0.7 ? 1 : 2 + r.int(3);
  const kinds = [];
  const state = { fix: true, size: true };
  for (let k = 0; k < count; k++) {
    const kind = pickKind(r);
    kinds.push(kind);
    b = applyMutation(kind, b, r, seeds, state);
  }
  if (state.fix) fixHeader(b, { size: state.size });
  return { bytes: b, kinds, base };
}

// ---- running one case ----------------------------------------------------------

/** Argument shapes each export is called with. */
export function argShapes(exportsOf) {
  const shapes = [
    [],
    [3, 'abc', [1, { a: 2 }]],
    [-0, Number.NaN, null, undefined, true, 2 ** 31, 1e300, -Infinity],
    [{ x: 'long'.repeat(60), y: [1, 2, 3], z: { deep: [[[]]] } }, new Uint8Array([1, 2, 3, 255])],
  ];
  // A value of the VM itself (proxies, functions) back in: the handle paths.
  const own = Object.values(exportsOf).find((v) => v !== null && (typeof v === 'object' || typeof v === 'function'));
  if (own !== undefined) shapes.push([own, 7]);
  return shapes;
}

/**
 * Classifies a thrown value: `typed` (a MicroviumError with a known code),
 * `guest` (a value the guest threw: never a host Error), or `untyped`
 * (anything else, a bug).
 */
export function classify(MicroviumError, e) {
  if (e instanceof MicroviumError) {
    if (/UNKNOWN/.test(e.codeName) || typeof e.code !== 'number') return { kind: 'untyped', key: `MicroviumError ${e.codeName}` };
    return { kind: 'typed', key: `${e.codeName}${e.fatal ? ' fatal' : ''}` };
  }
  if (!(e instanceof Error)) return { kind: 'guest', key: 'guest-throw' };
  return { kind: 'untyped', key: `${e.name}: ${String(e.message).slice(0, 200)}` };
}

/**
 * Touches a guest value from the host side (keys, a few properties, bytes):
 * proxies read the guest heap. Promises met on the way (a property holding
 * a guest promise becomes a new host Promise) are observed with `onPromise`,
 * as a careful host does.
 */
function inspectValue(v, onPromise, budget = 8) {
  if (v === null || (typeof v !== 'object' && typeof v !== 'function')) return;
  if (v instanceof Promise) {
    onPromise(v);
    return;
  }
  if (typeof v.toUint8Array === 'function' && typeof v.length === 'number') {
    v.slice(0, 16);
    return;
  }
  if (typeof v === 'function') return;
  const keys = Reflect.ownKeys(v);
  for (const k of keys.slice(0, budget)) {
    if (typeof k !== 'string') continue;
    const x = v[k];
    if (x instanceof Promise) onPromise(x);
  }
}

/** A known-good guest: checks that the runtime still serves a fresh VM. */
export const SENTINEL_SOURCE = `
const host = vmImport(2);
vmExport(0, (a, b) => { const o = { s: 'x' + a, list: [a, b] }; return host(o.s) + o.list.length + b; });`;
export const SENTINEL_EXPECTED = 'x4210';

export function sentinelCheck(Microvium, bytes) {
  const vm = Microvium.restoreSync(bytes, { 2: (x) => x });
  try {
    vm.stopAfterNInstructions(100_000);
    const got = vm.exports[0](4, 10);
    return got === SENTINEL_EXPECTED ? undefined : `the sentinel VM answered ${JSON.stringify(got)}`;
  } finally {
    vm.dispose();
  }
}

/**
 * Restores `bytes` and exercises the VM through the public API: every export
 * with each argument shape under `gas`, the results inspected, then GC,
 * memory stats, a snapshot and its restore. Every thrown value is classified
 * into `counts`; untyped ones are returned.
 */
export function runCase(rt, bytes, { gas = 50_000, snapshotRestore = true, counts = {}, onUnhandled } = {}) {
  const { Microvium, MicroviumError } = rt;
  const untyped = [];
  let fatal = false;
  const bump = (k) => (counts[k] = (counts[k] ?? 0) + 1);
  const fail = (where, e, dead = false) => {
    // A VM that stopped must say so: a fatal MicroviumError, nothing else.
    const c = dead && !(e instanceof MicroviumError && e.fatal)
      ? { kind: 'untyped', key: `the VM stopped, but ${where} threw ${e instanceof Error ? `${e.name}: ${e.message}` : `${typeof e} ${String(e).slice(0, 120)}`}` }
      : classify(MicroviumError, e);
    bump(`${where} ${c.key.startsWith('MVM_') || c.key.startsWith('MVR_') || c.kind === 'guest' ? c.key : c.kind}`);
    if (c.kind === 'untyped') untyped.push({ where, error: c.key, stack: e && e.stack ? String(e.stack).split('\n').slice(0, 6).join('\n') : undefined });
    if (e instanceof MicroviumError && e.fatal) fatal = true;
  };
  const imports = {
    1: () => undefined,
    2: (x) => x,
    3: (x) => Promise.resolve(x),
  };
  const options = {
    onUnhandledError: (e) => {
      // After an `await`: still must be typed or a guest value.
      fail('unhandled', e);
      onUnhandled?.(e);
    },
  };
  const observe = (p) =>
    p.then(
      () => bump('async ok'),
      (e) => fail('async', e),
    );
  let vm;
  try {
    vm = Microvium.restoreSync(bytes, imports, options);
  } catch (e) {
    fail('restore', e);
    return { untyped, fatal, restored: false };
  }
  bump('restored');
  try {
    const exportsOf = vm.exports;
    const shapes = argShapes(exportsOf);
    for (const id of Object.keys(exportsOf)) {
      const f = exportsOf[id];
      if (typeof f !== 'function') {
        try {
          inspectValue(f, observe);
        } catch (e) {
          fail('inspect', e, !vm.alive);
        }
        continue;
      }
      for (const args of shapes) {
        if (!vm.alive) break;
        let phase = 'call';
        try {
          vm.stopAfterNInstructions(gas);
          const r = f(...args);
          if (!vm.alive) {
            untyped.push({ where: 'call', error: 'the VM stopped, but the call returned normally' });
            bump('call untyped');
          } else bump('call ok');
          phase = 'inspect';
          if (r instanceof Promise) observe(r);
          else inspectValue(r, observe);
        } catch (e) {
          fail(phase, e, !vm.alive);
        }
      }
    }
    if (vm.alive) {
      try {
        vm.stopAfterNInstructions(gas);
        vm.runGC(false);
        vm.getMemoryStats();
        void vm.liveHandleCount;
        if (snapshotRestore) {
          const snap = vm.createSnapshot();
          bump('snapshot');
          // The engine wrote this snapshot itself: it must restore.
          let again;
          try {
            again = Microvium.restoreSync(snap, imports, options);
            bump('re-restored');
          } catch (e) {
            fail('re-restore', e);
          } finally {
            again?.dispose();
          }
        }
      } catch (e) {
        fail('gc/snapshot', e, !vm.alive);
      }
    }
  } finally {
    try {
      vm.dispose();
    } catch (e) {
      fail('dispose', e);
    }
  }
  return { untyped, fatal, restored: true };
}
