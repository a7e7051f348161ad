/**
 * The Node-API engine backend: runtime-core's {@link EngineBackend} over the
 * addon. Each VM is one id in the addon's table; its scratch buffer is an
 * external ArrayBuffer over the addon's memory, so values cross without a
 * copy, exactly as with the WASM backend's linear memory.
 */
import { ErrorCode, MicroviumError, ffi, type EngineBackend, type EngineHooks, type EngineInstance, type HandleId, type ScratchViews } from '@mvtk/runtime-core';
import { loadBinding, MVN_E_ACTIVE, MVN_E_DEAD, MVN_E_FATAL, Op, packCall, type NativeBinding } from './binding.js';

const INDEX_MASK = (1 << 20) - 1;
const MALLOC_FAIL = 2; // MVM_E_MALLOC_FAIL: no region could be reserved
/** Address space one VM reserves (c/mvn_region.h): the 64 KiB page and the snapshot window. */
const REGION_BYTES = 0x10000 + 0x20000;

const noViews: ScratchViews = {
  base: 0,
  u8: new Uint8Array(0),
  i32: new Int32Array(0),
  f64: new Float64Array(0),
};

class NativeInstance implements EngineInstance {
  #views: ScratchViews | undefined;
  /** Freed while its guest was still running (a fatal error in a nested call): free once it returns. */
  #freeWhenIdle = false;

  constructor(
    private readonly b: NativeBinding,
    readonly id: number,
    readonly hooks: EngineHooks,
    private readonly onFree: (instance: NativeInstance) => void,
  ) {}

  /** A result of the addon, or the fatal error thrown (the VM is dead). */
  #r(result: number): number {
    const dead = result === MVN_E_FATAL || result === MVN_E_DEAD;
    // Read the code first: freeing removes the VM from the addon's table.
    const code = dead ? this.b.fatalCode(this.id) || 1 : 0;
    if (this.#freeWhenIdle) this.#tryFree();
    if (dead) {
      this.#views = undefined;
      throw this.hooks.fatal(code);
    }
    return result;
  }

  restore(snapshot: Uint8Array): number {
    const r = this.b.restore(this.id, snapshot);
    if (r === MVN_E_FATAL) return this.b.fatalCode(this.id) || 1; // refused: no VM to kill
    if (r === -1) return MALLOC_FAIL;
    return r;
  }

  views(): ScratchViews {
    if (this.#views && this.#views.i32.length !== 0) return this.#views;
    const ab = this.b.scratch(this.id);
    if (typeof ab === 'number') return noViews;
    this.#views = { base: 0, u8: new Uint8Array(ab), i32: new Int32Array(ab), f64: new Float64Array(ab) };
    return this.#views;
  }

  importIds(): number {
    return this.#r(this.b.op(this.id, Op.ImportIds));
  }
  exportIds(): number {
    return this.#r(this.b.op(this.id, Op.ExportIds));
  }
  export(id: number): number {
    return this.#r(this.b.op(this.id, Op.Export, id));
  }
  call(fn: HandleId, argc: number, flags: number): number {
    try {
      return this.#r(this.b.call(this.id, packCall(fn, argc, flags)));
    } finally {
      // A fatal error in a nested call can unwind through here as a JS exception.
      if (this.#freeWhenIdle) this.#tryFree();
    }
  }
  build(count: number): number {
    return this.#r(this.b.op(this.id, Op.Build, count));
  }
  get(obj: HandleId): number {
    return this.#r(this.b.op(this.id, Op.Get, obj));
  }
  set(obj: HandleId): number {
    return this.#r(this.b.op(this.id, Op.Set, obj));
  }
  delete(obj: HandleId): number {
    return this.#r(this.b.op(this.id, Op.Delete, obj));
  }
  keys(obj: HandleId, first: number): number {
    return this.#r(this.b.op(this.id, Op.Keys, obj, first));
  }
  bytesRead(h: HandleId, start: number, length: number): number {
    return this.#r(this.b.op(this.id, Op.BytesRead, h, start, length));
  }
  bytesWrite(h: HandleId, start: number, length: number): number {
    return this.#r(this.b.op(this.id, Op.BytesWrite, h, start, length));
  }
  stringRead(h: HandleId): number {
    return this.#r(this.b.op(this.id, Op.StringRead, h));
  }
  handleRelease(h: HandleId): void {
    this.#r(this.b.op(this.id, Op.HandleRelease, h));
  }
  handleCount(): number {
    return this.#r(this.b.op(this.id, Op.HandleCount));
  }
  same(a: HandleId, b: HandleId): number {
    return this.#r(this.b.op(this.id, Op.Same, a, b));
  }
  asyncStart(): number {
    return this.#r(this.b.op(this.id, Op.AsyncStart));
  }
  asyncSettle(callback: HandleId, success: number): number {
    try {
      return this.#r(this.b.op(this.id, Op.AsyncSettle, callback, success));
    } finally {
      if (this.#freeWhenIdle) this.#tryFree();
    }
  }
  promiseState(h: HandleId): number {
    return this.#r(this.b.op(this.id, Op.PromiseState, h));
  }
  createSnapshot(): Uint8Array | null {
    const r = this.b.snapshot(this.id);
    if (typeof r !== 'number') return r;
    this.#r(r);
    return null;
  }
  runGC(squeeze: boolean): void {
    this.#r(this.b.op(this.id, Op.RunGC, squeeze ? 1 : 0));
  }
  memoryStats(): void {
    this.#r(this.b.op(this.id, Op.MemoryStats));
  }
  stopAfter(n: number): void {
    this.#r(this.b.op(this.id, Op.StopAfter, n | 0));
  }
  gasRemaining(): number {
    return this.#r(this.b.op(this.id, Op.GasRemaining));
  }
  breakpointSet(address: number): void {
    this.#r(this.b.op(this.id, Op.BreakpointSet, address | 0));
  }
  breakpointRemove(address: number): void {
    this.#r(this.b.op(this.id, Op.BreakpointRemove, address | 0));
  }
  currentAddress(): number {
    return this.#r(this.b.op(this.id, Op.CurrentAddress));
  }
  engineVersion(): number {
    return this.b.engineVersion();
  }
  memoryBytes(): number {
    return REGION_BYTES;
  }
  free(): void {
    this.#views = undefined;
    this.#freeWhenIdle = true;
    this.#tryFree();
  }
  /** Disposes the addon's VM unless a call into it is still on the stack (then the outermost call's return does it). */
  #tryFree(): void {
    if (this.b.dispose(this.id) === MVN_E_ACTIVE) return;
    this.#freeWhenIdle = false;
    this.onFree(this);
  }
  /** After a fatal error the addon frees host memory only (mvn_dispose never re-enters the engine). */
  discard(): void {
    this.free();
  }
}

/** The Node-API backend (one per thread: the addon keeps per-thread state). */
export class NodeNativeBackend implements EngineBackend {
  readonly name = 'node-native';
  #binding: NativeBinding | undefined;
  /** Live instances by table index (the low 20 bits of an id). */
  readonly #instances: (NativeInstance | undefined)[] = [];

  isReady(): boolean {
    try {
      this.#load();
      return true;
    } catch {
      return false;
    }
  }

  async ready(): Promise<void> {
    this.#load();
  }

  /** The addon, loaded and checked on first use. */
  #load(): NativeBinding {
    if (this.#binding) return this.#binding;
    const b = loadBinding();
    if (b.abiVersion() !== ffi.MVR_ABI_VERSION) {
      throw new MicroviumError(
        ErrorCode.ABI_MISMATCH,
        `the addon speaks glue ABI ${b.abiVersion()}, this package ${ffi.MVR_ABI_VERSION}: rebuild it`,
      );
    }
    const instances = this.#instances;
    b.setHost(
      (vm, fn, argc) => {
        const instance = instances[vm & INDEX_MASK];
        if (!instance || instance.id !== vm) return -14; // MVM_E_HOST_ERROR
        return instance.hooks.hostCall(fn, argc);
      },
      (vm, address) => {
        const instance = instances[vm & INDEX_MASK];
        if (instance && instance.id === vm) instance.hooks.breakpoint(address);
      },
    );
    this.#binding = b;
    return b;
  }

  createInstance(hooks: EngineHooks): EngineInstance {
    const b = this.#load();
    const id = b.create();
    const instance = new NativeInstance(b, id, hooks, (i) => {
      if (this.#instances[i.id & INDEX_MASK] === i) this.#instances[i.id & INDEX_MASK] = undefined;
    });
    this.#instances[id & INDEX_MASK] = instance;
    return instance;
  }
}

/** Regions (VM memory mappings) reserved in this process and not yet released. */
export function liveRegions(): number {
  return loadBinding().liveRegions();
}

/** VMs alive in this thread's addon instance (including dead ones not yet disposed). */
export function liveVms(): number {
  return loadBinding().liveVms();
}
