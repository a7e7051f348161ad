/**
 * The WebAssembly backend: one instance of the engine module per VM (so a
 * fatal engine error discards only that VM), all instances sharing one
 * compiled WebAssembly.Module. After the module is compiled, instantiation is
 * synchronous.
 */
import { ffi, type EngineBackend, type EngineHooks, type EngineInstance, type HandleId, type ScratchViews } from '@mvtk/runtime-core';
import { MicroviumError, ErrorCode } from '@mvtk/runtime-core';

/** The exports of microvium.wasm (c/mvr.h). */
interface MvrExports {
  memory: WebAssembly.Memory;
  mvr_abi_version(): number;
  mvr_engine_version(): number;
  mvr_snapshot_alloc(size: number): number;
  mvr_restore(page: number, snapshot: number, size: number, outError: number): number;
  mvr_free(v: number): void;
  mvr_scratch(v: number): number;
  mvr_import_ids(v: number): number;
  mvr_export_ids(v: number): number;
  mvr_export(v: number, id: number): number;
  mvr_call(v: number, fn: number, argc: number, flags: number): number;
  mvr_build(v: number, count: number): number;
  mvr_get(v: number, obj: number): number;
  mvr_set(v: number, obj: number): number;
  mvr_delete(v: number, obj: number): number;
  mvr_keys(v: number, obj: number, first: number): number;
  mvr_bytes_read(v: number, h: number, start: number, len: number): number;
  mvr_bytes_write(v: number, h: number, start: number, len: number): number;
  mvr_string_read(v: number, h: number): number;
  mvr_handle_release(v: number, h: number): void;
  mvr_handle_count(v: number): number;
  mvr_same(v: number, a: number, b: number): number;
  mvr_async_start(v: number): number;
  mvr_async_settle(v: number, cb: number, success: number): number;
  mvr_promise_state(v: number, h: number): number;
  mvr_snapshot(v: number, outSize: number): number;
  mvr_snapshot_free(v: number, p: number): void;
  mvr_run_gc(v: number, squeeze: number): void;
  mvr_memory_stats(v: number): void;
  mvr_stop_after(v: number, n: number): void;
  mvr_gas_remaining(v: number): number;
  mvr_breakpoint_set(v: number, address: number): void;
  mvr_breakpoint_remove(v: number, address: number): void;
  mvr_current_address(v: number): number;
}

function decodeBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export class WasmBackend implements EngineBackend {
  readonly name = 'wasm';
  #module: WebAssembly.Module | undefined;
  #compiling: Promise<void> | undefined;
  readonly #source: () => Uint8Array;

  constructor(source: WebAssembly.Module | (() => Uint8Array)) {
    if (source instanceof WebAssembly.Module) {
      this.#module = source;
      this.#source = () => {
        throw new Error('unreachable');
      };
    } else {
      this.#source = source;
    }
  }

  isReady(): boolean {
    return this.#module !== undefined;
  }

  ready(): Promise<void> {
    if (this.#module) return Promise.resolve();
    this.#compiling ??= WebAssembly.compile(this.#source() as BufferSource).then((m) => {
      this.#module = m;
    });
    return this.#compiling;
  }

  /** Compile synchronously (Node, workers; browsers limit this on the main thread). */
  readySync(): void {
    this.#module ??= new WebAssembly.Module(this.#source() as BufferSource);
  }

  get module(): WebAssembly.Module | undefined {
    return this.#module;
  }

  createInstance(hooks: EngineHooks): EngineInstance {
    if (!this.#module) throw new MicroviumError(ErrorCode.NOT_READY, 'the WASM module is not compiled: await Microvium.ready() first');
    const pooled = this.#pool.pop();
    if (pooled && this.#pristine) {
      pooled.router.hooks = hooks;
      // Back to the memory of a new instance (the C globals and the libc heap
      // live there too): whatever the previous VM did, even with a corrupt
      // snapshot, neither its data nor a broken state reaches the next one.
      new Uint8Array(pooled.x.memory.buffer).set(this.#pristine);
      return new WasmInstance(pooled.x, pooled.router, this.#pool);
    }
    // The imports reach the hooks through `router`, so a pooled instance can
    // serve another VM.
    const router = { hooks };
    const instance = new WebAssembly.Instance(this.#module, {
      env: {
        fatal: (code: number) => {
          throw router.hooks.fatal(code);
        },
        host_call: (_v: number, id: number, argc: number) => router.hooks.hostCall(id, argc),
        host_breakpoint: (_v: number, address: number) => router.hooks.breakpoint(address),
      },
    });
    const x = guardTraps(instance.exports as unknown as MvrExports, router);
    this.#pristine ??= new Uint8Array(x.memory.buffer).slice();
    if (x.mvr_abi_version() !== ffi.MVR_ABI_VERSION) {
      throw new MicroviumError(ErrorCode.ABI_MISMATCH, `microvium.wasm has ABI ${x.mvr_abi_version()}, expected ${ffi.MVR_ABI_VERSION}`);
    }
    return new WasmInstance(x, router, this.#pool);
  }

  /**
   * Instances of disposed VMs, ready for the next restore: instantiating is
   * most of the cost of a restore (a new linear memory and its data). Only
   * instances whose memory never grew are kept, at most POOL_SIZE.
   */
  readonly #pool: Pooled[] = [];
  /** The memory of a newly made instance, to reset pooled ones to. */
  #pristine: Uint8Array | undefined;
}

export interface Router {
  hooks: EngineHooks;
}

/**
 * The exports with every function wrapped so that a WebAssembly trap (an
 * out-of-bounds access after a corrupt snapshot got past the checks, C stack
 * exhaustion) becomes the VM's fatal error, like MVM_FATAL_ERROR: the VM is
 * stopped and discarded (its instance is never pooled again), the error is a
 * MicroviumError with `fatal: true`, and other VMs are unaffected. Our own
 * `fatal` import throws a MicroviumError through the same frames; that one
 * passes unchanged. Four parameters cover every export (extra arguments are
 * ignored by WebAssembly).
 */
export function guardTraps(x: MvrExports, router: Router): MvrExports {
  const guarded: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(x)) {
    if (typeof value !== 'function') {
      guarded[name] = value;
      continue;
    }
    const f = value as (a?: number, b?: number, c?: number, d?: number) => number;
    guarded[name] = (a?: number, b?: number, c?: number, d?: number) => {
      try {
        return f(a, b, c, d);
      } catch (error) {
        if (error instanceof MicroviumError) throw error;
        const fatal = router.hooks.fatal(ffi.FATAL_TRAP);
        (fatal as Error & { cause?: unknown }).cause = error;
        throw fatal;
      }
    };
  }
  return guarded as unknown as MvrExports;
}
interface Pooled {
  x: MvrExports;
  router: Router;
}
const POOL_SIZE = 16;
const INITIAL_MEMORY = 131072;

class WasmInstance implements EngineInstance {
  #x: MvrExports;
  #v = 0;
  readonly #router: Router;
  readonly #pool: Pooled[];
  constructor(x: MvrExports, router: Router, pool: Pooled[]) {
    this.#x = x;
    this.#router = router;
    this.#pool = pool;
  }

  restore(snapshot: Uint8Array): number {
    const x = this.#x;
    const size = snapshot.length;
    const p = x.mvr_snapshot_alloc(size + 8);
    const errAt = (p + size + 3) & ~3;
    new Uint8Array(x.memory.buffer).set(snapshot, p);
    this.#v = x.mvr_restore(0, p, size, errAt);
    return this.#v ? 0 : new Int32Array(x.memory.buffer)[errAt >> 2]!;
  }

  views(): ScratchViews {
    const buffer = this.#x.memory.buffer;
    return {
      base: this.#x.mvr_scratch(this.#v),
      u8: new Uint8Array(buffer),
      i32: new Int32Array(buffer),
      f64: new Float64Array(buffer),
    };
  }

  importIds = () => this.#x.mvr_import_ids(this.#v);
  exportIds = () => this.#x.mvr_export_ids(this.#v);
  export = (id: number) => this.#x.mvr_export(this.#v, id);
  call = (fn: HandleId, argc: number, flags: number) => this.#x.mvr_call(this.#v, fn, argc, flags);
  build = (count: number) => this.#x.mvr_build(this.#v, count);
  get = (obj: HandleId) => this.#x.mvr_get(this.#v, obj);
  set = (obj: HandleId) => this.#x.mvr_set(this.#v, obj);
  delete = (obj: HandleId) => this.#x.mvr_delete(this.#v, obj);
  keys = (obj: HandleId, first: number) => this.#x.mvr_keys(this.#v, obj, first);
  bytesRead = (h: HandleId, start: number, len: number) => this.#x.mvr_bytes_read(this.#v, h, start, len);
  bytesWrite = (h: HandleId, start: number, len: number) => this.#x.mvr_bytes_write(this.#v, h, start, len);
  stringRead = (h: HandleId) => this.#x.mvr_string_read(this.#v, h);
  handleRelease = (h: HandleId) => this.#x.mvr_handle_release(this.#v, h);
  handleCount = () => this.#x.mvr_handle_count(this.#v);
  same = (a: HandleId, b: HandleId) => this.#x.mvr_same(this.#v, a, b);
  asyncStart = () => this.#x.mvr_async_start(this.#v);
  asyncSettle = (cb: HandleId, success: number) => this.#x.mvr_async_settle(this.#v, cb, success);
  promiseState = (h: HandleId) => this.#x.mvr_promise_state(this.#v, h);
  runGC = (squeeze: boolean) => this.#x.mvr_run_gc(this.#v, squeeze ? 1 : 0);
  memoryStats = () => this.#x.mvr_memory_stats(this.#v);
  stopAfter = (n: number) => this.#x.mvr_stop_after(this.#v, n);
  gasRemaining = () => this.#x.mvr_gas_remaining(this.#v);
  breakpointSet = (address: number) => this.#x.mvr_breakpoint_set(this.#v, address);
  breakpointRemove = (address: number) => this.#x.mvr_breakpoint_remove(this.#v, address);
  currentAddress = () => this.#x.mvr_current_address(this.#v);
  engineVersion = () => this.#x.mvr_engine_version();
  memoryBytes = () => this.#x.memory.buffer.byteLength;

  createSnapshot(): Uint8Array | null {
    const x = this.#x;
    const sizeAt = x.mvr_scratch(this.#v); // the scratch header is free for this
    const p = x.mvr_snapshot(this.#v, sizeAt);
    if (!p) return null;
    const size = new Int32Array(x.memory.buffer)[sizeAt >> 2]!;
    const bytes = new Uint8Array(x.memory.buffer).slice(p, p + size);
    x.mvr_snapshot_free(this.#v, p);
    return bytes;
  }

  free(): void {
    const x = this.#x;
    if (!x) return;
    if (this.#v) x.mvr_free(this.#v);
    this.#v = 0;
    // Only an instance that did not trap (discard) and whose memory did not
    // grow goes back to the pool; it is reset to new before its next use.
    if (this.#pool.length < POOL_SIZE && x.memory.buffer.byteLength === INITIAL_MEMORY) {
      this.#pool.push({ x, router: this.#router });
    }
    // Drop the instance so its memory can be collected even while the VM
    // object is still referenced.
    this.#x = undefined as unknown as MvrExports;
  }

  discard(): void {
    this.#v = 0;
    this.#x = undefined as unknown as MvrExports;
  }
}

export { decodeBase64 };
