/**
 * The in-process peers, behind one small interface: restore a guest, call
 * its exports with host values, read and write a guest object, snapshot,
 * dispose. Each adapter uses its runtime's ordinary public API, so a figure
 * includes whatever marshalling a user of that runtime pays.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { CompiledGuest } from './guests.js';

export type InProcessPeerId = 'wasm' | 'wasm-s1t1' | 'native' | 'microvium' | 'quickjs';

export type HostImports = Record<number, (...args: any[]) => any>;

export interface Instance {
  /** Export `id` as a host function (values in and out as the runtime marshals them). */
  fn(id: number): (...args: any[]) => any;
  /** A guest object (from export `id`, no arguments): read and write property `key`. */
  objectAccess?(id: number, key: string): { get(): any; set(v: any): void };
  createSnapshot?(): Uint8Array;
  /** Host memory held for this VM's engine (WASM memory, the native region), bytes. */
  engineMemory?(): number;
  dispose(): void;
}

export interface Peer {
  id: InProcessPeerId;
  /** Compile a module, load a library: whatever must happen once per process. */
  ready(): Promise<void>;
  /** A VM of `guest` (restore from its snapshot; QuickJS: evaluate its source). */
  load(guest: CompiledGuest, imports?: HostImports): Instance;
  /** Why an operation cannot be measured on this peer. */
  unsupported: Partial<Record<'objectArg' | 'proxy' | 'createSnapshot' | 'restore', string>>;
}

const require = createRequire(import.meta.url);

/** @mvtk/runtime-wasm, or the same runtime with another build of the engine (`wasmFile`). */
function mvtkPeer(id: InProcessPeerId, load: () => Promise<any>, wasmFile?: string): Peer {
  let Microvium: any;
  let options: any;
  return {
    id,
    unsupported: {},
    async ready() {
      const mod = await load();
      Microvium = mod.Microvium;
      await Microvium.ready();
      if (wasmFile) options = { module: new WebAssembly.Module(readFileSync(wasmFile)) };
    },
    load(guest, imports = {}) {
      const vm = Microvium.restoreSync(guest.bytes, imports, options);
      return {
        fn: (i) => vm.exports[i],
        objectAccess(i, key) {
          const o = vm.exports[i]();
          return { get: () => o[key], set: (v) => void (o[key] = v) };
        },
        createSnapshot: () => vm.createSnapshot(),
        engineMemory: () => vm.getMemoryStats().engineMemory,
        dispose: () => vm.dispose(),
      };
    },
  };
}

export function wasmPeer(): Peer {
  return mvtkPeer('wasm', () => import('@mvtk/runtime-wasm'));
}

/** runtime-wasm with the engine built with MVM_SAFE_MODE 1 and MVM_DONT_TRUST_BYTECODE 1. */
export function wasmSafePeer(wasmFile: string): Peer {
  return mvtkPeer('wasm-s1t1', () => import('@mvtk/runtime-wasm'), wasmFile);
}

export function nativePeer(): Peer {
  return mvtkPeer('native', () => import('@mvtk/runtime-node-native'));
}

/** The microvium package's own Node runtime: `require('microvium').Microvium.restore`. */
export function microviumPeer(): Peer {
  let M: any;
  return {
    id: 'microvium',
    unsupported: {
      objectArg: 'cannot pass a host object ("Feature not implemented: Ephemeral object in native VM")',
      proxy: 'a guest object reads as undefined and writes throw "Feature not implemented"',
    },
    async ready() {
      M = require('microvium').Microvium;
    },
    load(guest, imports = {}) {
      const vm = M.restore({ data: Buffer.from(guest.bytes) }, imports);
      const cache = new Map<number, any>();
      return {
        fn(i) {
          let f = cache.get(i);
          if (!f) cache.set(i, (f = vm.resolveExport(i)));
          return f;
        },
        createSnapshot: () => vm.createSnapshot().data,
        // The VM's own allocations (mvm_getMemoryStats totalSize): it mallocs per VM.
        engineMemory: () => vm.getMemoryStats().totalSize,
        // No dispose in its API: the VM goes with its last reference.
        dispose() {},
      };
    },
  };
}

/**
 * quickjs-emscripten: the same guest source evaluated in a QuickJS context
 * (one runtime + context per VM), with `vmExport`/`vmImport` shims. Values
 * cross through the library's handle API (newNumber/newString/newObject,
 * callFunction, getNumber, dispose), as a user of it would write.
 */
export function quickjsPeer(): Peer {
  let QuickJS: any;
  return {
    id: 'quickjs',
    unsupported: {
      createSnapshot: 'QuickJS has no snapshots',
      restore: 'QuickJS has no snapshots: the figure is a new runtime + context evaluating the same source',
    },
    async ready() {
      const { getQuickJS } = await import('quickjs-emscripten');
      QuickJS = await getQuickJS();
    },
    load(guest, imports = {}) {
      const runtime = QuickJS.newRuntime();
      const ctx = runtime.newContext();
      const exported = new Map<number, any>();
      const handles: any[] = [];
      const toGuest = (v: any): any => {
        switch (typeof v) {
          case 'number':
            return ctx.newNumber(v);
          case 'string':
            return ctx.newString(v);
          case 'boolean':
            return v ? ctx.true : ctx.false;
          case 'undefined':
            return ctx.undefined;
          default: {
            if (v === null) return ctx.null;
            const o = ctx.newObject();
            for (const [k, x] of Object.entries(v)) {
              const h = toGuest(x);
              ctx.setProp(o, k, h);
              if (h.alive && h !== ctx.undefined && h !== ctx.null && h !== ctx.true && h !== ctx.false) h.dispose();
            }
            return o;
          }
        }
      };
      const fromGuest = (h: any): any => {
        const t = ctx.typeof(h);
        if (t === 'number') return ctx.getNumber(h);
        if (t === 'string') return ctx.getString(h);
        return ctx.dump(h);
      };
      const disposeArg = (h: any) => {
        if (h !== ctx.undefined && h !== ctx.null && h !== ctx.true && h !== ctx.false) h.dispose();
      };
      const vmExport = ctx.newFunction('vmExport', (idH: any, valueH: any) => {
        exported.set(ctx.getNumber(idH), valueH.dup());
      });
      ctx.setProp(ctx.global, 'vmExport', vmExport);
      vmExport.dispose();
      const vmImport = ctx.newFunction('vmImport', (idH: any) => {
        const id = ctx.getNumber(idH);
        const host = imports[id];
        return ctx.newFunction(`import${id}`, (...args: any[]) => {
          const r = host ? host(...args.map(fromGuest)) : undefined;
          return toGuest(r);
        });
      });
      ctx.setProp(ctx.global, 'vmImport', vmImport);
      vmImport.dispose();
      const result = ctx.evalCode(guest.source, `${guest.name}.js`);
      ctx.unwrapResult(result).dispose();
      const call = (fnH: any, args: any[]) => {
        const hs = args.map(toGuest);
        const r = ctx.callFunction(fnH, ctx.undefined, ...hs);
        for (const h of hs) disposeArg(h);
        const v = ctx.unwrapResult(r);
        const out = fromGuest(v);
        v.dispose();
        return out;
      };
      return {
        fn(i) {
          const h = exported.get(i);
          if (!h) throw new Error(`${guest.name}: no export ${i}`);
          return (...args: any[]) => call(h, args);
        },
        objectAccess(i, key) {
          const r = ctx.unwrapResult(ctx.callFunction(exported.get(i), ctx.undefined));
          handles.push(r);
          return {
            get() {
              const v = ctx.getProp(r, key);
              const out = fromGuest(v);
              v.dispose();
              return out;
            },
            set(x: any) {
              const h = toGuest(x);
              ctx.setProp(r, key, h);
              disposeArg(h);
            },
          };
        },
        engineMemory() {
          // Bytes the QuickJS runtime has in use (JS_ComputeMemoryUsage), not the shared WASM memory.
          const m = runtime.computeMemoryUsage();
          const u = ctx.dump(m);
          m.dispose();
          return u.memory_used_size ?? NaN;
        },
        dispose() {
          for (const h of handles) h.dispose();
          for (const h of exported.values()) h.dispose();
          ctx.dispose();
          runtime.dispose();
        },
      };
    },
  };
}

export function makePeer(id: InProcessPeerId, wasmSafeFile?: string): Peer {
  switch (id) {
    case 'wasm':
      return wasmPeer();
    case 'wasm-s1t1':
      if (!wasmSafeFile) throw new Error('wasm-s1t1 needs the variant .wasm');
      return wasmSafePeer(wasmSafeFile);
    case 'native':
      return nativePeer();
    case 'microvium':
      return microviumPeer();
    case 'quickjs':
      return quickjsPeer();
  }
}
