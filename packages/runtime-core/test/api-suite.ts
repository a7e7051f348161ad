/**
 * The API test suite, written once and run by every runtime (WASM, Node-API):
 *
 *   runApiSuite('wasm', async () => (await import('../src/index.js')).Microvium);
 *
 * It covers the @microvium/runtime API, value marshalling both ways, errors,
 * async, lifetimes, and each known failure of @microvium/runtime 8.0.0.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { compileGuest } from '@mvtk/compiler';
import type { MicroviumVM, RestoreOptions } from '../src/index.js';

type Imports = Record<number, (...args: any[]) => unknown>;

/** What a runtime package exports as `Microvium`. */
export interface RuntimeUnderTest {
  restore(snapshot: Uint8Array | number[], imports?: Imports, options?: RestoreOptions): Promise<MicroviumVM>;
  restoreSync(snapshot: Uint8Array | number[], imports?: Imports, options?: RestoreOptions): MicroviumVM;
  ready(): Promise<void>;
}

/** The main guest: one export per feature under test. */
export const mainGuest = `
const print = vmImport(1);
const hostAdd = vmImport(2);
const hostThrow = vmImport(3);
const hostAsync = vmImport(4);
const hostEcho = vmImport(5);
const hostCallBack = vmImport(6);
let counter = 0;
vmExport(1, (a, b) => a + b);
vmExport(2, (x) => x);
vmExport(3, (x) => typeof x);
vmExport(4, () => ({ a: 1, b: 'two', c: [1, 2, 3], d: { e: true, f: null } }));
vmExport(5, () => [10, 'x', { y: 1 }]);
vmExport(6, (o) => o.a + o.b.length + o.c.d);
vmExport(7, (v) => { throw v; });
vmExport(8, () => { const x = undefined; return x.foo; });
vmExport(9, (n) => { let s = ''; for (let i = 0; i < n; i++) s += 'x'; return s; });
vmExport(10, (a, b) => hostAdd(a, b));
vmExport(11, () => { try { hostThrow('bad'); return 'not thrown'; } catch (e) { return 'caught ' + e.message; } });
vmExport(12, () => hostThrow('uncaught'));
vmExport(13, async (x) => { const v = await hostAsync(x); return v * 2; });
vmExport(14, async () => { try { await hostAsync(-1); return 'no'; } catch (e) { return 'rejected ' + e.message; } });
vmExport(15, () => { counter++; return counter; });
vmExport(16, function () { return this.v; });
class Point {
  constructor(x, y) { this.x = x; this.y = y; }
  sum() { return this.x + this.y; }
}
vmExport(17, Point);
vmExport(18, () => { const u = Microvium.newUint8Array(4); u[0] = 1; u[3] = 255; return u; });
vmExport(19, (u) => u.length + ':' + u[0] + ':' + u[u.length - 1]);
vmExport(20, (f) => f(2, 3));
vmExport(21, (k) => (a) => a * k);
vmExport(22, (o, k) => o[k]);
vmExport(23, () => { let i = 0; while (true) { i++; } });
vmExport(24, (x) => hostEcho(x));
vmExport(25, (x) => '' + x);
vmExport(26, (o) => { o.added = 41; return o; });
vmExport(27, () => { const o = { n: 1 }; o.self = o; return o; });
vmExport(28, (n) => { let r = 0; for (let i = 0; i < n; i++) r += i; return r; });
vmExport(29, (depth) => depth <= 0 ? 0 : 1 + hostCallBack(depth - 1));
vmExport(30, (a) => { print('len', a.length); return a.length; });
vmExport(31, () => counter);
vmExport(32, async () => 42);
vmExport(33, (a, b) => a === b);
const shared = { name: 'shared', list: [10, 20] };
vmExport(34, () => shared);
`;

/** A guest without any \`await\`: a host Promise cannot be awaited by it. */
export const noAwaitGuest = `
const hostAsync = vmImport(4);
vmExport(1, () => hostAsync(1));
vmExport(2, () => 7);
`;

/** A guest that fills its heap (a fatal engine error). */
export const oomGuest = `
let keep = null;
vmExport(1, () => { for (let i = 0; i < 100000; i++) keep = { next: keep, pad: [i, i, i, i, i, i] }; return 1; });
vmExport(2, () => 5);
`;

export function runApiSuite(label: string, loadRuntime: () => Promise<RuntimeUnderTest>): void {
  let Microvium: RuntimeUnderTest;
  let main: Uint8Array;
  let noAwait: Uint8Array;
  let oom: Uint8Array;
  const live: MicroviumVM[] = [];
  const printed: string[] = [];

  let imports: Imports;

  async function restore(snapshot: Uint8Array = main, extra: Imports = {}, options?: RestoreOptions) {
    const vm = await Microvium.restore(snapshot, { ...imports, ...extra }, options);
    live.push(vm);
    return vm;
  }

  beforeAll(async () => {
    Microvium = await loadRuntime();
    main = compileGuest(mainGuest, { filename: 'main.js' }).bytes;
    noAwait = compileGuest(noAwaitGuest, { filename: 'no-await.js' }).bytes;
    oom = compileGuest(oomGuest, { filename: 'oom.js' }).bytes;
  });

  afterEach(() => {
    for (const vm of live.splice(0)) vm.dispose();
    printed.length = 0;
  });

  imports = {
    1: (...args: unknown[]) => void printed.push(args.join(' ')),
    2: (a: number, b: number) => a + b,
    3: (message: string) => {
      throw new Error(message);
    },
    4: (x: number) => (x < 0 ? Promise.reject(new Error('negative')) : Promise.resolve(x + 1)),
    5: (x: unknown) => x,
    6: (depth: number) => (live.at(-1)!.exports[29] as (d: number) => number)(depth),
  };

  describe(`${label}: restore and calls`, () => {
    it('restores a snapshot and calls an export', async () => {
      const vm = await restore();
      expect(vm.exports[1](2, 3)).toBe(5);
      expect(vm.exports[1]('a', 'b')).toBe('ab');
      expect(vm.engineVersion).toBe('8.0.0');
      expect(vm.requiredEngineVersion).toBe('8.0.0');
    });

    it('accepts the snapshot as an array of numbers', async () => {
      const vm = await restore(Array.from(main) as unknown as Uint8Array);
      expect(vm.exports[1](1, 1)).toBe(2);
    });

    it('restores synchronously once ready', async () => {
      await Microvium.ready();
      const vm = Microvium.restoreSync(main, imports);
      live.push(vm);
      expect(vm.exports[10](20, 22)).toBe(42);
    });

    it('names a missing import ID in the error', async () => {
      const { 2: _drop, ...partial } = imports;
      await expect(Microvium.restore(main, partial)).rejects.toMatchObject({
        name: 'MicroviumError',
        codeName: 'MVR_E_MISSING_IMPORTS',
        message: expect.stringMatching(/ID 2\b/),
      });
    });

    it('rejects bytes that are not a snapshot', async () => {
      await expect(Microvium.restore(new Uint8Array([1, 2, 3, 4]), imports)).rejects.toMatchObject({
        name: 'MicroviumError',
      });
    });

    it('calls host imports, including reentrant guest -> host -> guest calls', async () => {
      const vm = await restore();
      expect(vm.exports[10](40, 2)).toBe(42);
      expect(vm.exports[29](12)).toBe(12);
      expect(vm.exports[30]([1, 2, 3])).toBe(3);
      expect(printed).toEqual(['len 3']);
    });

    it('stops deep reentrancy at the same depth on every runtime, with the VM still usable', async () => {
      const vm = await restore();
      // 63 nested host -> guest calls below the top-level one: the limit (mvr.h MVR_MAX_NESTING = 64).
      expect(vm.exports[29](63)).toBe(63);
      expect(() => vm.exports[29](64)).toThrow(expect.objectContaining({ codeName: 'MVM_E_STACK_OVERFLOW', fatal: false }));
      expect(() => vm.exports[29](5000)).toThrow(expect.objectContaining({ codeName: 'MVM_E_STACK_OVERFLOW' }));
      expect(vm.alive).toBe(true);
      expect(vm.exports[1](40, 2)).toBe(42);
    });

    it('keeps VMs independent', async () => {
      const a = await restore();
      const b = await restore();
      a.exports[15]();
      a.exports[15]();
      expect(a.exports[31]()).toBe(2);
      expect(b.exports[31]()).toBe(0);
    });
  });

  describe(`${label}: values host -> guest -> host`, () => {
    it('passes every int32 and double exactly', async () => {
      const vm = await restore();
      const id = vm.exports[2] as (x: unknown) => unknown;
      const samples = [
        0, 1, -1, 8191, 8192, -8192, -8193, 10000, 65535, 65536, 131057, 2 ** 31 - 1, -(2 ** 31),
        0.5, -1.5, 1 / 3, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, 2 ** 53 + 2, 2 ** 31, -(2 ** 31) - 1,
        Infinity, -Infinity,
      ];
      for (const x of samples) expect(id(x)).toBe(x);
      expect(Object.is(id(-0), -0)).toBe(true);
      expect(Number.isNaN(id(NaN))).toBe(true);
      expect(vm.exports[1](2 ** 31 - 1, 1)).toBe(2 ** 31);
      expect(vm.exports[1](0.1, 0.2)).toBe(0.1 + 0.2);
    });

    it('passes strings, including unicode, both ways', async () => {
      const vm = await restore();
      const id = vm.exports[2] as (x: unknown) => unknown;
      for (const s of ['', 'a', 'héllo wörld', '日本語', '🎉 emoji 🎉', 'nul\u0000inside', 'x'.repeat(4000)]) {
        expect(id(s)).toBe(s);
      }
      expect(vm.exports[1]('ü', '€')).toBe('ü€');
    });

    it('refuses a string above the engine limit with a clear error, then keeps working', async () => {
      const vm = await restore();
      expect(() => vm.exports[2]('y'.repeat(5000))).toThrow(expect.objectContaining({ codeName: 'MVR_E_STRING_TOO_LONG' }));
      expect(vm.exports[1](1, 2)).toBe(3);
    });

    it('passes booleans, null and undefined', async () => {
      const vm = await restore();
      const id = vm.exports[2] as (x: unknown) => unknown;
      expect(id(true)).toBe(true);
      expect(id(false)).toBe(false);
      expect(id(null)).toBe(null);
      expect(id(undefined)).toBe(undefined);
      expect(vm.exports[3](null)).toBe('object');
      expect(vm.exports[3](undefined)).toBe('undefined');
      expect(vm.exports[3]([])).toBe('object');
    });

    it('copies plain objects and arrays to the guest', async () => {
      const vm = await restore();
      expect(vm.exports[6]({ a: 1, b: [1, 2, 3], c: { d: 10 } })).toBe(14);
      const big = Array.from({ length: 300 }, (_, i) => ({ i, s: `item ${i}` }));
      expect(vm.exports[30](big)).toBe(300);
      const host = { n: 1 };
      const back = vm.exports[26](host);
      expect(back.added).toBe(41);
      expect(host).toEqual({ n: 1 }); // a copy was changed, not the host object
    });

    it('shows guest objects and arrays as live proxies', async () => {
      const vm = await restore();
      const o = vm.exports[4]();
      expect(Object.keys(o)).toEqual(['a', 'b', 'c', 'd']);
      expect({ ...o.d }).toEqual({ e: true, f: null });
      expect(JSON.parse(JSON.stringify(o))).toEqual({ a: 1, b: 'two', c: [1, 2, 3], d: { e: true, f: null } });
      expect(Array.isArray(o.c)).toBe(true);
      expect([...o.c]).toEqual([1, 2, 3]);
      expect(o.c.map((x: number) => x * 2)).toEqual([2, 4, 6]);
      let sum = 0;
      for (const x of o.c) sum += x;
      expect(sum).toBe(6);
      expect('a' in o).toBe(true);
      expect('zz' in o).toBe(false);
      o.z = { deep: [1] };
      expect(vm.exports[22](o, 'z').deep[0]).toBe(1);
      delete o.a;
      expect(Object.keys(o).sort()).toEqual(['b', 'c', 'd', 'z']);
      expect('a' in o).toBe(false);
      expect(o.a).toBe(undefined);
      o.c[3] = 4;
      expect(o.c.length).toBe(4);
      const arr = vm.exports[5]();
      expect(arr.length).toBe(3);
      expect(arr[2].y).toBe(1);
      const cyclic = vm.exports[27]();
      expect(cyclic.self.self.n).toBe(1);
      expect(vm.exports[33](cyclic, cyclic.self)).toBe(true);
    });

    it('passes guest values back to the guest by reference', async () => {
      const vm = await restore();
      const o = vm.exports[4]();
      expect(vm.exports[22](o, 'b')).toBe('two');
      expect(vm.exports[6]({ a: 1, b: o.c, c: { d: 1 } })).toBe(5);
    });

    it('copies Uint8Arrays in and wraps guest Uint8Arrays', async () => {
      const vm = await restore();
      expect(vm.exports[19](new Uint8Array([7, 8, 9, 250]))).toBe('4:7:250');
      const u = vm.exports[18]();
      expect(u.length).toBe(4);
      expect(Array.from(u.slice())).toEqual([1, 0, 0, 255]);
      u.set([5, 6], 1);
      expect(Array.from(u.slice(1, 3))).toEqual([5, 6]);
      expect(vm.exports[19](u)).toBe('4:1:255');
    });

    it('refuses values the guest cannot hold with a TypeError', async () => {
      const vm = await restore();
      const id = vm.exports[2] as (x: unknown) => unknown;
      for (const bad of [new Map(), new Set(), Promise.resolve(1), Symbol('s'), 10n, () => 1, new Date(0), new Float32Array(2)]) {
        expect(() => id(bad)).toThrow(TypeError);
      }
      expect(() => id({ nested: [new Map()] })).toThrow(/Map.*nested\[0\]/);
      const cyclic: Record<string, unknown> = {};
      cyclic.self = cyclic;
      expect(() => id(cyclic)).toThrow(/cyclic/);
      expect(vm.liveHandleCount).toBeLessThan(50);
      expect(id(3)).toBe(3);
    });

    it('returns host values from imports to the guest', async () => {
      const vm = await restore();
      expect(vm.exports[24](5)).toBe(5);
      expect(vm.exports[24]('str')).toBe('str');
      expect(vm.exports[24]({ k: [1, 'two'] }).k[1]).toBe('two');
      expect(vm.exports[24](-0)).toBe(-0);
    });
  });

  describe(`${label}: functions, this, classes`, () => {
    it('calls guest closures and passes guest functions back', async () => {
      const vm = await restore();
      const times3 = vm.exports[21](3);
      expect(typeof times3).toBe('function');
      expect(times3(14)).toBe(42);
      expect(vm.exports[20](vm.exports[1])).toBe(5);
    });

    it('passes `this` for method calls on guest objects', async () => {
      const vm = await restore();
      const o = vm.exports[26]({ v: 'self' });
      o.method = vm.exports[16];
      expect(o.method()).toBe('self');
    });

    it('constructs guest classes with new', async () => {
      const vm = await restore();
      const Point = vm.exports[17];
      const p = new Point(3, 4);
      expect(p.x).toBe(3);
      expect(p.sum()).toBe(7);
    });
  });

  describe(`${label}: errors`, () => {
    it('delivers a guest throw as the thrown value', async () => {
      const vm = await restore();
      expect(() => vm.exports[7]('boom')).toThrow('boom');
      try {
        vm.exports[7]({ code: 7 });
        expect.unreachable();
      } catch (e) {
        expect((e as { code: number }).code).toBe(7);
      }
    });

    it('reports engine errors as MicroviumError with code and codeName', async () => {
      const vm = await restore();
      try {
        vm.exports[8]();
        expect.unreachable();
      } catch (e) {
        expect(e).toMatchObject({ name: 'MicroviumError', code: 12, codeName: 'MVM_E_TYPE_ERROR' });
      }
      expect(vm.exports[1](1, 2)).toBe(3);
    });

    it('lets the guest catch a host exception, and rethrows an uncaught one as itself', async () => {
      const vm = await restore();
      expect(vm.exports[11]()).toBe('caught bad');
      const error = new Error('uncaught');
      const vm2 = await restore(main, { 3: () => { throw error; } });
      expect(() => vm2.exports[12]()).toThrow(error);
      try {
        vm2.exports[12]();
      } catch (e) {
        expect(e).toBe(error);
      }
    });

    it('stops a fatal error at its VM', async () => {
      const vm = await restore(oom);
      const other = await restore(oom);
      expect(() => vm.exports[1]()).toThrow(expect.objectContaining({ name: 'MicroviumError', fatal: true }));
      expect(() => vm.exports[2]()).toThrow(expect.objectContaining({ codeName: 'MVR_E_VM_DEAD' }));
      expect(other.exports[2]()).toBe(5);
    });
  });

  describe(`${label}: async`, () => {
    it('returns a host Promise from a guest async function', async () => {
      const vm = await restore();
      const p = vm.exports[32]();
      expect(p).toBeInstanceOf(Promise);
      await expect(p).resolves.toBe(42);
    });

    it('lets the guest await a Promise from a host function that is not async', async () => {
      const vm = await restore();
      await expect(vm.exports[13](20)).resolves.toBe(42);
      await expect(vm.exports[14]()).resolves.toBe('rejected negative');
    });

    it('awaits async host functions and thenables', async () => {
      const vm = await restore(main, {
        4: async (x: number) => {
          await new Promise((r) => setTimeout(r, 5));
          return x + 1;
        },
      });
      await expect(vm.exports[13](1)).resolves.toBe(4);
      const vm2 = await restore(main, { 4: (x: number) => ({ then: (ok: (v: number) => void) => ok(x + 1) }) });
      await expect(vm2.exports[13](2)).resolves.toBe(6);
    });

    it('runs many concurrent awaits', async () => {
      const vm = await restore();
      const results = await Promise.all(Array.from({ length: 50 }, (_, i) => vm.exports[13](i)));
      expect(results).toEqual(Array.from({ length: 50 }, (_, i) => (i + 1) * 2));
    });

    it('throws a clear error into a guest that has no await', async () => {
      const vm = await restore(noAwait, { 4: () => Promise.resolve(1) });
      expect(() => vm.exports[1]()).toThrow(/no `await`/);
      expect(vm.exports[2]()).toBe(7);
    });
  });

  describe(`${label}: VM operations`, () => {
    it('creates a snapshot that restores the state', async () => {
      const vm = await restore();
      vm.exports[15]();
      vm.exports[15]();
      vm.runGC(true);
      const snap = vm.createSnapshot();
      expect(snap).toBeInstanceOf(Uint8Array);
      const again = await restore(snap);
      expect(again.exports[31]()).toBe(2);
    });

    it('snapshots a heap filled close to its limit, and the snapshot restores the same state', async () => {
      const source = `const live = [];
vmExport(1, (n) => { for (let c = 0; c < n; c++) live.push('s' + c + 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'); });
vmExport(2, () => live[live.length - 1]);`;
      const vm = await restore(compileGuest(source).bytes);
      vm.exports[1](355); // about 23 KiB of live strings: the heap limit is 24 KiB
      vm.runGC();
      expect(vm.getMemoryStats().virtualHeapUsed).toBeGreaterThan(22_000);
      const snap = vm.createSnapshot();
      const again = await restore(snap);
      expect(again.exports[2]()).toBe(vm.exports[2]());
      expect(again.createSnapshot()).toEqual(snap);
    });

    it('runs the GC and reports memory', async () => {
      const vm = await restore();
      vm.exports[9](2000);
      const before = vm.getMemoryStats();
      vm.runGC(true);
      const after = vm.getMemoryStats();
      expect(after.virtualHeapUsed).toBeLessThanOrEqual(before.virtualHeapUsed);
      expect(after.totalSize).toBeGreaterThan(0);
      expect(after.pageUsed + after.pageFree).toBeLessThanOrEqual(65536);
    });

    it('stops after N instructions and recovers', async () => {
      const vm = await restore();
      vm.stopAfterNInstructions(10_000);
      expect(vm.getInstructionCountRemaining()).toBe(10_000);
      expect(() => vm.exports[23]()).toThrow(expect.objectContaining({ codeName: 'MVM_E_INSTRUCTION_COUNT_REACHED' }));
      vm.stopAfterNInstructions(-1);
      expect(vm.getInstructionCountRemaining()).toBeLessThan(0);
      expect(vm.exports[28](100)).toBe(4950);
      vm.stopAfterNInstructions(1_000_000);
      vm.exports[28](10);
      expect(vm.getInstructionCountRemaining()).toBeLessThan(1_000_000);
    });

    it('hits breakpoints', async () => {
      const hits: number[] = [];
      let address: number | undefined;
      const vm = await restore(main, {}, {
        breakpointHit: (v, a) => {
          hits.push(a);
          address = v.currentAddress;
        },
      });
      vm.setBreakpoint(-1);
      vm.exports[1](1, 2);
      expect(hits.length).toBeGreaterThan(0);
      expect(address).toBe(hits.at(-1));
      const first = hits[0]!;
      vm.removeBreakpoint(-1);
      hits.length = 0;
      vm.setBreakpoint(first);
      vm.exports[1](1, 2);
      expect(hits).toEqual([first]);
      vm.removeBreakpoint(first);
      vm.exports[1](1, 2);
      expect(hits).toEqual([first]);
      expect(vm.currentAddress).toBeUndefined();
    });
  });

  describe(`${label}: lifetimes`, () => {
    it('disposes with dispose() and Symbol.dispose; use after dispose is a clear error', async () => {
      const vm = await Microvium.restore(main, imports);
      const add = vm.exports[1];
      const o = vm.exports[4]();
      expect(vm.alive).toBe(true);
      vm[Symbol.dispose]();
      expect(vm.alive).toBe(false);
      expect(() => add(1, 2)).toThrow(expect.objectContaining({ name: 'MicroviumError', codeName: 'MVR_E_DISPOSED' }));
      expect(() => o.a).toThrow(/disposed/);
      expect(() => vm.createSnapshot()).toThrow(/disposed/);
      vm.dispose(); // twice is fine
    });

    it('supports `using`-style scopes', async () => {
      let escaped: MicroviumVM | undefined;
      {
        const vm = await Microvium.restore(main, imports);
        try {
          escaped = vm;
          expect(vm.exports[1](1, 1)).toBe(2);
        } finally {
          vm[Symbol.dispose]();
        }
      }
      expect(escaped!.alive).toBe(false);
    });

    it('releases handles of proxies', async () => {
      const vm = await restore();
      const base = vm.liveHandleCount;
      const objects = Array.from({ length: 100 }, () => vm.exports[4]());
      expect(vm.liveHandleCount).toBe(base + 100);
      for (const o of objects) vm.release(o);
      expect(vm.liveHandleCount).toBe(base);
    });

    it('rejects pending guest promises on dispose', async () => {
      const vm = await Microvium.restore(main, { ...imports, 4: () => new Promise(() => {}) });
      const p = vm.exports[13](1);
      vm.dispose();
      await expect(p).rejects.toMatchObject({ codeName: 'MVR_E_DISPOSED' });
    });
  });

  describe(`${label}: must-not-have failures of @microvium/runtime 8.0.0`, () => {
    it('passes every integer in 8192..131057 host -> guest exactly (10000 arrived as -6384)', async () => {
      const vm = await restore();
      const id = vm.exports[2] as (x: number) => number;
      const add = vm.exports[1] as (a: number, b: number) => number;
      for (let x = 8192; x <= 131057; x++) {
        if (id(x) !== x) expect(id(x)).toBe(x);
      }
      expect(add(10000, 0)).toBe(10000);
      expect(id(-10000)).toBe(-10000);
    });

    it('builds a string longer than 1.1 kB by concatenation (was MVM_E_MALLOC_FAIL)', async () => {
      const vm = await restore();
      expect(vm.exports[9](1200)).toHaveLength(1200);
      expect(vm.exports[9](4000)).toHaveLength(4000);
    });

    it('stays usable after 100,000 engine errors in one VM (was poisoned after ~200)', async () => {
      const vm = await restore();
      for (let i = 0; i < 100_000; i++) {
        try {
          vm.exports[8]();
        } catch (e) {
          if ((e as { code?: number }).code !== 12) throw e;
        }
      }
      expect(vm.exports[1](2, 3)).toBe(5);
      expect(vm.exports[11]()).toBe('caught bad');
    });

    it('holds 100,000 live proxies (was ~2,047)', async () => {
      const vm = await restore();
      const held: unknown[] = [];
      for (let i = 0; i < 100_000; i++) held.push(vm.exports[34]());
      expect(vm.liveHandleCount).toBeGreaterThanOrEqual(100_000);
      expect((held[99_999] as { list: number[] }).list[1]).toBe(20);
      expect((held[0] as { name: string }).name).toBe('shared');
      vm.runGC();
      expect(vm.exports[1](2, 3)).toBe(5);
      for (const o of held) vm.release(o);
    });

    it('prints numbers like the devices do (the shared port layer, as JavaScript)', async () => {
      const vm = await restore();
      const str = vm.exports[25] as (x: number) => string;
      for (const x of [0.1 + 0.2, 1 / 3, 123.456, 1e21, 1e-7, 5e-324, 1.7976931348623157e308, -0, -1.5, 2 ** 53, 100, NaN, Infinity]) {
        expect(str(x)).toBe(String(x));
      }
    });

    it('accepts a Promise from a host function that is not declared async', async () => {
      const vm = await restore(main, { 4: (x: number) => Promise.resolve(x + 1) });
      await expect(vm.exports[13](1)).resolves.toBe(4);
    });
  });
}
