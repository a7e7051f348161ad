/**
 * A restored Microvium VM and the marshalling of values across the boundary.
 *
 * Host to guest: primitives exactly (every int32 and double, -0, NaN,
 * infinities), strings as UTF-8, plain objects, arrays and Uint8Arrays copied;
 * guest values the host holds are passed by reference. Anything else (Map,
 * Set, Promise, symbol, bigint, functions that are not guest functions) is a
 * TypeError.
 *
 * Guest to host: primitives as values; functions as host functions; objects,
 * arrays and classes as Proxies that read and write the guest object live;
 * Uint8Arrays as {@link GuestUint8Array}; promises as host Promises.
 */
import {
  CallFlags,
  DATA_OFFSET,
  DATA_SIZE,
  MAX_ARGS,
  SLOT_COUNT,
  SLOTS_OFFSET,
  HostResult,
  Tag,
  type EngineBackend,
  type EngineHooks,
  type EngineInstance,
  type HandleId,
  type ScratchViews,
} from './ffi.js';
import { ErrorCode, MicroviumError } from './errors.js';
import { HandleReaper, Lifetime } from './lifetime.js';

/** A host function the guest imports with `vmImport(id)`. */
export type HostFunction = (...args: any[]) => unknown;
/** Host functions by import ID. */
export type Imports = Record<number, HostFunction>;

export interface RestoreOptions {
  /** Called when the guest reaches a breakpoint set with {@link MicroviumVM.setBreakpoint}. */
  breakpointHit?: (vm: MicroviumVM, address: number) => void;
  /**
   * Called with an exception the guest did not catch in an async continuation
   * (after `await`), where no host caller can receive it. Default: ignored.
   */
  onUnhandledError?: (error: unknown) => void;
}

/** Memory use of a VM (mvm_TsMemoryStats plus the page allocator's figures), in bytes. */
export interface MemoryStats {
  totalSize: number;
  fragmentCount: number;
  coreSize: number;
  importTableSize: number;
  globalVariablesSize: number;
  registersSize: number;
  stackHeight: number;
  /** The guest stack: 0 before the first call, then kept until dispose (engine patch 0015). */
  stackAllocatedCapacity: number;
  stackHighWaterMark: number;
  virtualHeapUsed: number;
  virtualHeapHighWaterMark: number;
  virtualHeapAllocatedCapacity: number;
  /** Bytes in use in the VM's 64 KiB page (heap, stack, VM state). */
  pageUsed: number;
  pageFree: number;
  pagePeakUsed: number;
  /** Host memory held by this VM's engine (for WASM: its linear memory). */
  engineMemory: number;
}

const statNames: (keyof MemoryStats)[] = [
  'totalSize', 'fragmentCount', 'coreSize', 'importTableSize', 'globalVariablesSize',
  'registersSize', 'stackHeight', 'stackAllocatedCapacity', 'stackHighWaterMark',
  'virtualHeapUsed', 'virtualHeapHighWaterMark', 'virtualHeapAllocatedCapacity',
  'pageUsed', 'pageFree', 'pagePeakUsed',
];

/** What the host knows about a guest value it holds. */
interface GuestRef {
  readonly vm: MicroviumVM;
  readonly h: HandleId;
  readonly kind: Tag;
}

const REF = Symbol('microvium.ref');
/** Host value (function, proxy, GuestUint8Array) -> its guest reference. */
const guestRefs = new WeakMap<object, GuestRef>();

const MAX_STRING_BYTES = 4094;
/**
 * How deep a settled promise's value may hold settled promises that are read
 * at once. A corrupt heap can make the chain endless (a promise resolved with
 * itself): each level is a JavaScript stack frame, and at the stack's limit
 * `new Promise` rejects instead of running its executor. Deeper promises
 * stay pending and are read at the next poll.
 */
const MAX_POLL_DEPTH = 32;
const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder();

function decodeUtf8(u8: Uint8Array, at: number, size: number): string {
  if (size <= 32) {
    let s = '';
    for (let i = 0; i < size; i++) {
      const c = u8[at + i]!;
      if (c >= 0x80) return utf8Decoder.decode(u8.subarray(at, at + size));
      s += String.fromCharCode(c);
    }
    return s;
  }
  return utf8Decoder.decode(u8.subarray(at, at + size));
}

/** Writes `s` as UTF-8 at `at` (room for 3 bytes per UTF-16 unit); returns the byte count. */
function encodeUtf8(u8: Uint8Array, at: number, s: string): number {
  const n = s.length;
  let i = 0;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) break;
    u8[at + i] = c;
  }
  if (i === n) return n;
  const { written } = utf8Encoder.encodeInto(s.slice(i), u8.subarray(at + i, at + i + 3 * (n - i)));
  return i + written;
}

function isArrayIndex(key: string): boolean {
  const n = key.length;
  if (n === 0 || n > 5) return false;
  for (let i = 0; i < n; i++) {
    const c = key.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return n === 1 || key.charCodeAt(0) !== 48;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'function') return `function ${value.name || '(anonymous)'}`;
  if (typeof value !== 'object') return typeof value;
  const ctor = (value as object).constructor;
  return typeof ctor === 'function' && ctor.name ? ctor.name : 'object';
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    value !== null &&
    (typeof value === 'object' || typeof value === 'function') &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/**
 * A guest Uint8Array seen from the host: reads and writes go to the guest's
 * buffer (the engine's Uint8Arrays have a fixed length).
 */
export class GuestUint8Array {
  readonly length: number;
  /** @internal */
  constructor(
    private readonly vm: MicroviumVM,
    private readonly handle: HandleId,
    length: number,
  ) {
    this.length = length;
  }
  /** A host copy of bytes [start, end) (like Uint8Array.prototype.slice). */
  slice(start = 0, end = this.length): Uint8Array {
    const len = this.length;
    const s = start < 0 ? Math.max(len + start, 0) : Math.min(start, len);
    const e = end < 0 ? Math.max(len + end, 0) : Math.min(end, len);
    return this.vm.$bytesRead(this.handle, s, Math.max(e - s, 0));
  }
  /** Copy `bytes` into the guest buffer at `offset` (like Uint8Array.prototype.set). */
  set(bytes: ArrayLike<number>, offset = 0): void {
    if (offset < 0 || offset + bytes.length > this.length) throw new RangeError('offset is out of bounds');
    this.vm.$bytesWrite(this.handle, bytes, offset);
  }
  /** A host copy of the whole buffer. */
  toUint8Array(): Uint8Array {
    return this.slice();
  }
  [Symbol.iterator](): IterableIterator<number> {
    return this.slice()[Symbol.iterator]();
  }
}

type Target = { [REF]: GuestRef };

function refOf(t: object): GuestRef {
  return (t as Target)[REF];
}

const arrayIterator = function* (this: ArrayLike<unknown>) {
  const n = this.length;
  for (let i = 0; i < n; i++) yield this[i];
};

const objectHandler: ProxyHandler<object> = {
  get(t, key) {
    const r = refOf(t);
    if (typeof key === 'symbol') {
      if (key === REF) return r;
      if (key === Symbol.iterator && r.kind === Tag.Array) return arrayIterator;
      return undefined;
    }
    if (r.kind === Tag.Array && key !== 'length' && !isArrayIndex(key) && key in Array.prototype) {
      return (Array.prototype as unknown as Record<string, unknown>)[key];
    }
    const value = r.vm.$get(r.h, key, r.kind === Tag.Array);
    if (value === undefined && (key === 'toString' || key === 'valueOf') && r.kind !== Tag.Class) {
      return Object.prototype[key];
    }
    return value;
  },
  set(t, key, value) {
    if (typeof key === 'symbol') return false;
    const r = refOf(t);
    r.vm.$set(r.h, key, value, r.kind === Tag.Array);
    return true;
  },
  has(t, key) {
    if (typeof key === 'symbol') return key === REF || (key === Symbol.iterator && refOf(t).kind === Tag.Array);
    const r = refOf(t);
    if (r.kind === Tag.Array) {
      return key === 'length' || (isArrayIndex(key) && Number(key) < (r.vm.$get(r.h, 'length', true) as number));
    }
    return r.vm.$keys(r.h).includes(key);
  },
  deleteProperty(t, key) {
    if (typeof key === 'symbol') return true;
    const r = refOf(t);
    r.vm.$delete(r.h, key);
    return true;
  },
  ownKeys(t) {
    const r = refOf(t);
    if (r.kind === Tag.Array) {
      const n = r.vm.$get(r.h, 'length', true) as number;
      const keys: string[] = [];
      for (let i = 0; i < n; i++) keys.push(String(i));
      keys.push('length');
      return keys;
    }
    if (r.kind === Tag.Function) return [];
    // A proxy may not report a key twice; only a corrupt heap has duplicates.
    const keys = r.vm.$keys(r.h);
    return new Set(keys).size === keys.length ? keys : [...new Set(keys)];
  },
  getOwnPropertyDescriptor(t, key) {
    if (typeof key === 'symbol') return undefined;
    const r = refOf(t);
    if (r.kind === Tag.Array) {
      const n = r.vm.$get(r.h, 'length', true) as number;
      if (key === 'length') return { value: n, writable: true, enumerable: false, configurable: false };
      if (!isArrayIndex(key) || Number(key) >= n) return undefined;
    } else if (!r.vm.$keys(r.h).includes(key)) {
      return undefined;
    }
    return { value: r.vm.$get(r.h, key, r.kind === Tag.Array), writable: true, enumerable: true, configurable: true };
  },
  apply(t, thisArg, args) {
    const r = refOf(t);
    return r.vm.$invoke(r.h, thisArg, args, false);
  },
  construct(t, args) {
    const r = refOf(t);
    return r.vm.$invoke(r.h, undefined, args, true) as object;
  },
  defineProperty() {
    return false;
  },
  getPrototypeOf(t) {
    return refOf(t).kind === Tag.Array ? Array.prototype : refOf(t).kind === Tag.Class ? Function.prototype : Object.prototype;
  },
  setPrototypeOf() {
    return false;
  },
};

interface PendingPromise {
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/**
 * One restored VM. Create with `Microvium.restore` of a runtime package.
 * Dispose with {@link dispose} or `using`; see lifetime.ts for the rules.
 */
export class MicroviumVM extends Lifetime {
  /** Values the snapshot exports with `vmExport(id, value)`, by ID. */
  readonly exports: Record<number, any> = {};
  /** The engine's version, e.g. "8.0.0". */
  readonly engineVersion: string;
  /** The engine version the snapshot needs, from its header, e.g. "8.0.0". */
  readonly requiredEngineVersion: string;

  readonly #engine: EngineInstance;
  readonly #imports: Imports;
  readonly #options: RestoreOptions;
  readonly #reaper: HandleReaper;
  #views: ScratchViews;
  #i32: Int32Array;
  #f64: Float64Array;
  #u8: Uint8Array;
  #slot4 = 0; // index of slot 0 in #i32
  #base = 0; // byte offset of the scratch buffer
  #depth = 0; // engine calls on the stack
  #freePending = false;
  readonly #pending = new Map<HandleId, PendingPromise>();
  #pollDepth = 0; // #pollPromise calls on the stack
  /** Guest objects made from host errors thrown into the guest, to rethrow the originals. */
  #hostErrors: { h: HandleId; error: unknown }[] = [];
  // Builder cursor (host -> guest copies).
  #bSlot = 0;
  #bData = 0;
  /** An exception to rethrow once the engine has unwound (see #hostCall). */
  #pendingThrow: unknown = undefined;
  #fatal = false;

  /** @internal Use a runtime's `Microvium.restore`. */
  constructor(backend: EngineBackend, snapshot: Uint8Array, imports: Imports, options: RestoreOptions = {}) {
    super();
    if (!(snapshot instanceof Uint8Array)) throw new TypeError('snapshot must be a Uint8Array or an array of bytes');
    if (imports === null || typeof imports !== 'object') throw new TypeError('imports must be an object of functions by import ID');
    this.#imports = imports;
    this.#options = options;
    this.#engine = backend.createInstance(MicroviumVM.#hooksFor(new WeakRef(this)));
    this.#reaper = new HandleReaper((h) => {
      if (this.alive) this.#engine.handleRelease(h as HandleId);
    });
    const err = this.#engine.restore(snapshot);
    if (err) {
      this.#engine.free();
      throw new MicroviumError(err, 'cannot restore the snapshot');
    }
    this.track(this.#engine);
    try {
      this.#views = this.#engine.views();
      this.#i32 = this.#views.i32;
      this.#f64 = this.#views.f64;
      this.#u8 = this.#views.u8;
      this.#base = this.#views.base;
      this.#slot4 = (this.#base + SLOTS_OFFSET) >> 2;
      const v = this.#engine.engineVersion();
      this.engineVersion = `${v >>> 16}.${(v >>> 8) & 0xff}.${v & 0xff}`;
      this.requiredEngineVersion = `${snapshot[0] ?? 0}.${snapshot[2] ?? 0}.0`;

      const missing: number[] = [];
      const nImports = this.#engine.importIds();
      for (let i = 1; i <= nImports; i++) {
        const id = this.#i32[this.#slot4 + 4 * i + 2]!;
        if (typeof imports[id] !== 'function') missing.push(id);
      }
      if (missing.length) {
        this.dispose();
        throw new MicroviumError(
          ErrorCode.MISSING_IMPORTS,
          `the snapshot imports ${missing.length === 1 ? 'ID' : 'IDs'} ${missing.join(', ')}, which ${missing.length === 1 ? 'is' : 'are'} not a function in \`imports\``,
        );
      }
      const nExports = this.#engine.exportIds();
      const ids: number[] = [];
      for (let i = 1; i <= nExports; i++) ids.push(this.#i32[this.#slot4 + 4 * i + 2]!);
      for (const id of ids) {
        this.#check(this.#engine.export(id));
        this.exports[id] = this.#readSlot(0);
      }
    } catch (error) {
      // Free now, not at garbage collection (a no-op after a fatal error, which freed it).
      this.dispose();
      throw error;
    }
  }

  /**
   * The engine's callbacks into this VM. The engine instance is the held value
   * of the FinalizationRegistry that frees a forgotten VM (Lifetime.track), so
   * the hooks it keeps must not hold the VM strongly, or no undisposed VM
   * would ever be collected. They are made here, outside the constructor,
   * because closures created there would share a context holding `this`.
   */
  static #hooksFor(ref: WeakRef<MicroviumVM>): EngineHooks {
    return {
      hostCall: (id, argc) => ref.deref()!.#hostCall(id, argc),
      breakpoint: (address) => {
        const vm = ref.deref()!;
        vm.#depth++;
        try {
          vm.#options.breakpointHit?.(vm, address);
        } finally {
          vm.#depth--;
        }
      },
      fatal: (code) => {
        const vm = ref.deref()!;
        vm.#fatal = true;
        vm.markDead(code);
        return new MicroviumError(code, 'fatal engine error; the VM was stopped', { fatal: true });
      },
    };
  }

  // ---- Public API ---------------------------------------------------------

  /** A snapshot of the VM's current state (restorable with `Microvium.restore`). */
  createSnapshot(): Uint8Array {
    this.assertAlive();
    const bytes = this.#engine.createSnapshot();
    if (!bytes) throw new MicroviumError(2, 'the snapshot does not fit in the VM page; run runGC() first');
    return bytes;
  }

  /** Run a garbage collection; `squeeze` compacts to the exact size (slower). */
  runGC(squeeze = false): void {
    this.assertAlive();
    this.#engine.runGC(squeeze);
  }

  getMemoryStats(): MemoryStats {
    this.assertAlive();
    this.#engine.memoryStats();
    this.#refresh();
    const stats = {} as MemoryStats;
    statNames.forEach((name, i) => (stats[name] = this.#i32[this.#slot4 + 4 * (i + 1) + 2]!));
    stats.engineMemory = this.#engine.memoryBytes();
    return stats;
  }

  /**
   * Stop the guest with MVM_E_INSTRUCTION_COUNT_REACHED after `n` more bytecode
   * instructions; `n` < 0 removes the limit. The limit stays reached until
   * this is called again.
   */
  stopAfterNInstructions(n: number): void {
    this.assertAlive();
    this.#engine.stopAfter(n | 0);
  }

  /** Instructions left before the limit (negative when there is no limit). */
  getInstructionCountRemaining(): number {
    this.assertAlive();
    return this.#engine.gasRemaining();
  }

  /** Break at bytecode `address` (-1: every instruction); calls the `breakpointHit` option. */
  setBreakpoint(address: number): void {
    this.assertAlive();
    this.#engine.breakpointSet(address | 0);
  }

  removeBreakpoint(address: number): void {
    this.assertAlive();
    this.#engine.breakpointRemove(address | 0);
  }

  /** The bytecode address being executed, or undefined when the guest is not running. */
  get currentAddress(): number | undefined {
    this.assertAlive();
    const a = this.#engine.currentAddress();
    return a < 0 ? undefined : a;
  }

  /** Engine handles held by the host (live proxies, functions, buffers, exports). */
  get liveHandleCount(): number {
    this.assertAlive();
    return this.#engine.handleCount();
  }

  /**
   * Release the engine handle of a guest value (a proxy, function or
   * GuestUint8Array of this VM) now instead of at garbage collection; the
   * value must not be used afterwards.
   */
  release(value: unknown): void {
    if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return;
    const r = guestRefs.get(value);
    if (!r || r.vm !== this || !this.alive) return;
    guestRefs.delete(value);
    this.#reaper.forget(value);
    this.#engine.handleRelease(r.h);
  }

  protected override freeResource(): void {
    for (const p of this.#pending.values()) p.reject(new MicroviumError(ErrorCode.DISPOSED));
    this.#pending.clear();
    if (this.#fatal) {
      this.#engine.discard();
      return;
    }
    if (this.#depth > 0) {
      this.#freePending = true;
      return;
    }
    this.#engine.free();
  }

  // ---- Internal: used by proxies and wrappers ------------------------------

  /** @internal */
  $get(h: HandleId, key: string, isArray: boolean): unknown {
    this.assertAlive();
    this.#writeKey(1, key, isArray);
    this.#check(this.#engine.get(h));
    return this.#readSlot(0);
  }

  /** @internal */
  $set(h: HandleId, key: string, value: unknown, isArray: boolean): void {
    this.assertAlive();
    const temp = this.#needsBuild(value) ? this.#toHandle(value) : 0;
    this.#refresh();
    const data = this.#writeKey(1, key, isArray);
    if (temp) this.#setSlot(2, temp > 0 ? Tag.Handle : Tag.HandleTemp, 0, Math.abs(temp));
    else this.#writeLeaf(2, value, data);
    this.#check(this.#engine.set(h));
  }

  /** @internal */
  $delete(h: HandleId, key: string): void {
    this.assertAlive();
    this.#writeKey(1, key, false);
    this.#check(this.#engine.delete(h));
  }

  /** @internal */
  $keys(h: HandleId): string[] {
    this.assertAlive();
    const keys: string[] = [];
    for (;;) {
      const n = this.#engine.keys(h, keys.length);
      this.#refresh();
      if (n < 0) this.#check(-n);
      const total = this.#i32[this.#slot4 + 1]!;
      for (let i = 1; i <= n; i++) keys.push(this.#readSlot(i) as string);
      if (keys.length >= total || n === 0) return keys;
    }
  }

  /** @internal */
  $bytesRead(h: HandleId, start: number, length: number): Uint8Array {
    this.assertAlive();
    const out = new Uint8Array(length);
    for (let done = 0; done < length; ) {
      const n = Math.min(length - done, DATA_SIZE);
      this.#check(this.#engine.bytesRead(h, start + done, n));
      this.#refresh();
      out.set(this.#u8.subarray(this.#base + DATA_OFFSET, this.#base + DATA_OFFSET + n), done);
      done += n;
    }
    return out;
  }

  /** @internal */
  $bytesWrite(h: HandleId, bytes: ArrayLike<number>, offset: number): void {
    this.assertAlive();
    for (let done = 0; done < bytes.length; ) {
      const n = Math.min(bytes.length - done, DATA_SIZE);
      this.#refresh();
      const at = this.#base + DATA_OFFSET;
      for (let i = 0; i < n; i++) this.#u8[at + i] = bytes[done + i]!;
      this.#check(this.#engine.bytesWrite(h, offset + done, n));
      done += n;
    }
  }

  /** @internal Call guest function `h`. */
  $invoke(h: HandleId, thisArg: unknown, args: ArrayLike<unknown>, isNew: boolean): unknown {
    this.assertAlive();
    const n = args.length;
    if (n > MAX_ARGS) throw new MicroviumError(ErrorCode.TOO_MANY_ARGUMENTS, `${n} arguments (at most ${MAX_ARGS})`);
    // Objects, long strings and guest references become handles first: the
    // builder uses the slots the arguments go to.
    let handles: number[] | undefined;
    let budget = DATA_SIZE;
    for (let i = 0; i < n; i++) {
      const a = args[i];
      const t = typeof a;
      if (t === 'number' || t === 'boolean' || a === undefined || a === null) continue;
      if (t === 'string' && 3 * (a as string).length + 4 <= budget) {
        budget -= 3 * (a as string).length + 4;
        continue;
      }
      try {
        (handles ??= [])[i] = this.#toHandle(a);
      } catch (e) {
        if (handles) for (const x of handles) if (x < 0) this.#engine.handleRelease(-x as HandleId);
        throw e;
      }
    }
    let flags = isNew ? CallFlags.New : CallFlags.None;
    let thisHandle = 0;
    if (!isNew && thisArg !== this.exports && thisArg != null && (typeof thisArg === 'object' || typeof thisArg === 'function')) {
      const r = guestRefs.get(thisArg);
      if (r && r.vm === this) thisHandle = r.h;
    }
    this.#refresh();
    if (thisHandle) {
      flags |= CallFlags.This;
      this.#setSlot(0, Tag.Handle, 0, thisHandle);
    }
    const i32 = this.#i32;
    let data = DATA_OFFSET;
    for (let i = 0; i < n; i++) {
      const x = handles?.[i];
      if (x) {
        const p = this.#slot4 + 4 * (i + 1);
        i32[p] = x > 0 ? Tag.Handle : Tag.HandleTemp;
        i32[p + 2] = Math.abs(x);
      } else {
        data = this.#writeLeaf(i + 1, args[i], data);
      }
    }
    const err = this.#engine.call(h, n, flags);
    if (this.#freePending) return this.#freeNow();
    return this.#finishCall(err);
  }

  // ---- Internal -----------------------------------------------------------

  /** The VM was disposed while the engine was running; free it now. */
  #freeNow(): never {
    if (this.#depth === 0) {
      this.#freePending = false;
      this.#engine.free();
    }
    const e = this.#pendingThrow ?? new MicroviumError(ErrorCode.DISPOSED, 'the VM was disposed during the call');
    this.#pendingThrow = undefined;
    throw e;
  }

  #finishCall(err: number): unknown {
    // The VM may have stopped on a fatal error inside a nested call whose
    // error a host function swallowed: the outer call must not look fine.
    if (this.#fatal) throw new MicroviumError(ErrorCode.VM_DEAD, 'the VM stopped on a fatal error during this call', { fatal: true });
    this.#refresh();
    if (err === 0) {
      const result = this.#readSlot(0);
      if (this.#pending.size) this.#pollPromises();
      return result;
    }
    if (err === 44 /* MVM_E_UNCAUGHT_EXCEPTION */) {
      const thrown = this.#readSlot(0);
      if (this.#pending.size) this.#pollPromises();
      throw this.#hostErrorFor(thrown);
    }
    throw new MicroviumError(err);
  }

  #refresh(): void {
    if (this.#i32.length !== 0) return;
    const v = this.#engine.views();
    this.#views = v;
    this.#i32 = v.i32;
    this.#f64 = v.f64;
    this.#u8 = v.u8;
    this.#base = v.base;
    this.#slot4 = (v.base + SLOTS_OFFSET) >> 2;
  }

  #check(err: number): void {
    if (err !== 0) {
      this.#refresh();
      throw new MicroviumError(err);
    }
  }

  #setSlot(i: number, tag: number, aux: number, payload: number): void {
    const p = this.#slot4 + 4 * i;
    this.#i32[p] = tag;
    this.#i32[p + 1] = aux;
    this.#i32[p + 2] = payload;
  }

  #writeKey(i: number, key: string, isArray: boolean): number {
    this.#refresh();
    // The engine keys integer-like properties by number, on objects as on
    // arrays (a string key "2" is a type error there), so send them as one.
    void isArray;
    if (!isArrayIndex(key)) return this.#writeString(i, key, DATA_OFFSET);
    this.#setSlot(i, Tag.Int32, 0, Number(key));
    return DATA_OFFSET;
  }

  /** Writes a string to slot `i` with its bytes at data offset `at`; returns the next offset. */
  #writeString(i: number, s: string, at: number): number {
    if (3 * s.length > DATA_OFFSET + DATA_SIZE - at) {
      const bytes = utf8Encoder.encode(s);
      if (bytes.length > MAX_STRING_BYTES || bytes.length > DATA_OFFSET + DATA_SIZE - at) {
        throw new MicroviumError(ErrorCode.STRING_TOO_LONG, `${bytes.length} bytes`);
      }
      this.#u8.set(bytes, this.#base + at);
      this.#setSlot(i, Tag.String, bytes.length, at);
      return at + ((bytes.length + 3) & ~3);
    }
    const size = encodeUtf8(this.#u8, this.#base + at, s);
    this.#setSlot(i, Tag.String, size, at);
    return at + ((size + 3) & ~3);
  }

  /** Writes a primitive (or a string) to slot `i`; returns the next data offset. */
  #writeLeaf(i: number, value: unknown, data: number): number {
    const p = this.#slot4 + 4 * i;
    const i32 = this.#i32;
    switch (typeof value) {
      case 'number':
        if ((value | 0) === value && (value !== 0 || 1 / value > 0)) {
          i32[p] = Tag.Int32;
          i32[p + 2] = value;
        } else {
          i32[p] = Tag.Double;
          this.#f64[(p >> 1) + 1] = value;
        }
        return data;
      case 'boolean':
        i32[p] = value ? Tag.True : Tag.False;
        return data;
      case 'undefined':
        i32[p] = Tag.Undefined;
        return data;
      case 'string':
        return this.#writeString(i, value, data);
      default:
        if (value === null) {
          i32[p] = Tag.Null;
          return data;
        }
        throw this.#typeError(value);
    }
  }

  #typeError(value: unknown, path = ''): TypeError {
    return new TypeError(
      `cannot pass ${describe(value)}${path ? ` (at ${path})` : ''} to the guest: only undefined, null, booleans, numbers, strings, plain objects, arrays, Uint8Arrays and values from this VM can be passed`,
    );
  }

  #needsBuild(value: unknown): boolean {
    const t = typeof value;
    return t === 'object' ? value !== null : t === 'function' || (t === 'string' && (value as string).length > 1024);
  }

  /**
   * A handle for a host value: > 0 an existing handle (a value from this VM),
   * < 0 a temporary handle (released by the C glue once read).
   */
  #toHandle(value: unknown): number {
    if (value !== null && (typeof value === 'object' || typeof value === 'function')) {
      const r = guestRefs.get(value);
      if (r) {
        if (r.vm !== this) throw new TypeError('cannot pass a value from another VM to this VM');
        return r.h;
      }
    }
    this.#validate(value, 'argument', []);
    this.#refresh();
    this.#bSlot = 0;
    this.#bData = DATA_OFFSET;
    this.#emit(value);
    const h = this.#engine.build(this.#bSlot);
    this.#refresh();
    if (h <= 0) throw new MicroviumError(h < 0 ? -h : ErrorCode.BUILD, 'while copying a value to the guest');
    return -h;
  }

  #validate(value: unknown, path: string, ancestors: object[]): void {
    switch (typeof value) {
      case 'number':
      case 'boolean':
      case 'undefined':
      case 'string':
        return;
      case 'object': {
        if (value === null) return;
        const r = guestRefs.get(value);
        if (r) {
          if (r.vm !== this) throw new TypeError(`cannot pass a value from another VM (at ${path})`);
          return;
        }
        if (value instanceof Uint8Array) return;
        if (ancestors.includes(value)) throw new TypeError(`cannot pass a cyclic structure to the guest (at ${path})`);
        if (ancestors.length >= 63) throw new TypeError(`cannot pass a structure nested more than 63 levels deep (at ${path})`);
        ancestors.push(value);
        if (Array.isArray(value)) {
          for (let i = 0; i < value.length; i++) this.#validate(value[i], `${path}[${i}]`, ancestors);
        } else if (isPlainObject(value)) {
          for (const k of Object.keys(value)) this.#validate((value as Record<string, unknown>)[k], `${path}.${k}`, ancestors);
        } else {
          throw this.#typeError(value, path);
        }
        ancestors.pop();
        return;
      }
      case 'function': {
        const r = guestRefs.get(value);
        if (r && r.vm === this) return;
        throw new TypeError(
          `cannot pass ${describe(value)} (at ${path}) to the guest: host functions reach the guest only as imports (vmImport)`,
        );
      }
      default:
        throw this.#typeError(value, path);
    }
  }

  #flush(): void {
    const r = this.#engine.build(this.#bSlot);
    this.#refresh();
    if (r < 0) throw new MicroviumError(-r, 'while copying a value to the guest');
    this.#bSlot = 0;
    this.#bData = DATA_OFFSET;
  }

  #bNext(): number {
    if (this.#bSlot === SLOT_COUNT) this.#flush();
    return this.#bSlot++;
  }

  /** Pre-order builder stream of a validated value (see mvr_build). */
  #emit(value: unknown): void {
    if (value !== null && typeof value === 'object') {
      const r = guestRefs.get(value);
      if (r) {
        this.#setSlot(this.#bNext(), Tag.Handle, 0, r.h);
        return;
      }
      if (value instanceof Uint8Array) {
        const n = value.length;
        if (n > 4095) throw new MicroviumError(47, `a Uint8Array of ${n} bytes (at most 4095)`);
        if (this.#bData + n > DATA_OFFSET + DATA_SIZE) this.#flush();
        const i = this.#bNext();
        this.#u8.set(value, this.#base + this.#bData);
        this.#setSlot(i, Tag.Bytes, n, this.#bData);
        this.#bData += (n + 3) & ~3;
        return;
      }
      if (Array.isArray(value)) {
        this.#setSlot(this.#bNext(), Tag.ArrayBegin, value.length, 0);
        for (let i = 0; i < value.length; i++) this.#emit(value[i]);
        return;
      }
      const keys = Object.keys(value);
      this.#setSlot(this.#bNext(), Tag.ObjectBegin, keys.length, 0);
      for (const k of keys) {
        this.#emitString(k);
        this.#emit((value as Record<string, unknown>)[k]);
      }
      return;
    }
    if (typeof value === 'function') {
      this.#setSlot(this.#bNext(), Tag.Handle, 0, guestRefs.get(value)!.h);
      return;
    }
    if (typeof value === 'string') return this.#emitString(value);
    this.#writeLeaf(this.#bNext(), value, 0);
  }

  #emitString(s: string): void {
    const need = 3 * s.length + 4;
    if (this.#bData + need > DATA_OFFSET + DATA_SIZE && this.#bData > DATA_OFFSET) this.#flush();
    const i = this.#bNext();
    this.#bData = this.#writeString(i, s, this.#bData);
  }

  /** Reads slot `i` as a host value. */
  #readSlot(i: number): unknown {
    // Any engine call may have grown the backend's memory (WASM detaches the
    // old buffer), so check the views before every read.
    this.#refresh();
    const p = this.#slot4 + 4 * i;
    const i32 = this.#i32;
    switch (i32[p]) {
      case Tag.Int32:
        return i32[p + 2];
      case Tag.Undefined:
        return undefined;
      case Tag.Double:
        return this.#f64[(p >> 1) + 1];
      case Tag.String:
        return decodeUtf8(this.#u8, this.#base + i32[p + 2]!, i32[p + 1]!);
      case Tag.True:
        return true;
      case Tag.False:
        return false;
      case Tag.Null:
        return null;
      case Tag.Bytes:
        return this.#u8.slice(this.#base + i32[p + 2]!, this.#base + i32[p + 2]! + i32[p + 1]!);
      default:
        return this.#wrap(i32[p]!, i32[p + 1]!, i32[p + 2]! as HandleId);
    }
  }

  #wrap(tag: number, aux: number, h: HandleId): unknown {
    let value: object;
    switch (tag) {
      case Tag.Function: {
        const vm = this;
        value = function (this: unknown, ...args: unknown[]) {
          return vm.$invoke(h, this, args, new.target !== undefined);
        };
        break;
      }
      case Tag.Class:
      case Tag.Object:
      case Tag.Other:
      case Tag.Array: {
        const target: Target =
          tag === Tag.Array
            ? (Object.assign([], { [REF]: undefined as unknown as GuestRef }) as unknown as Target)
            : tag === Tag.Class
              ? (function () {}.bind(null) as unknown as Target)
              : ({} as Target);
        const ref: GuestRef = { vm: this, h, kind: tag === Tag.Other ? Tag.Object : tag };
        Object.defineProperty(target, REF, { value: ref, enumerable: false, configurable: true });
        value = new Proxy(target, objectHandler);
        guestRefs.set(value, ref);
        this.#reaper.watch(value, h);
        return value;
      }
      case Tag.Uint8Array:
        value = new GuestUint8Array(this, h, aux);
        break;
      case Tag.Promise:
        return this.#wrapPromise(h);
      case Tag.StringRef: {
        const err = this.#engine.stringRead(h);
        this.#engine.handleRelease(h);
        this.#refresh();
        this.#check(err);
        return this.#readSlot(0);
      }
      default:
        throw new MicroviumError(ErrorCode.BUILD, `unknown value tag ${tag}`);
    }
    guestRefs.set(value, { vm: this, h, kind: tag });
    this.#reaper.watch(value, h);
    return value;
  }

  #wrapPromise(h: HandleId): Promise<unknown> {
    let settle!: PendingPromise;
    const promise = new Promise<unknown>((resolve, reject) => (settle = { resolve, reject }));
    // A guest promise the host never awaits must not end the process with an
    // unhandled rejection when its VM is disposed or dies; a host that does
    // await it still sees the rejection.
    promise.catch(() => {});
    // At the stack's limit the executor cannot run and the promise is already
    // rejected with that RangeError.
    if (!settle) {
      this.#engine.handleRelease(h);
      return promise;
    }
    this.#pending.set(h, settle);
    // Outside the executor: a fatal error here reaches the caller.
    if (this.#pollDepth < MAX_POLL_DEPTH) this.#pollPromise(h);
    return promise;
  }

  #pollPromise(h: HandleId): void {
    const state = this.#engine.promiseState(h);
    if (state <= 0) return;
    this.#refresh();
    const p = this.#pending.get(h)!;
    this.#pending.delete(h);
    let value: unknown;
    this.#pollDepth++;
    try {
      value = this.#readSlot(0);
    } catch (e) {
      this.#engine.handleRelease(h);
      p.reject(e);
      return;
    } finally {
      this.#pollDepth--;
    }
    this.#engine.handleRelease(h);
    if (state === 1) p.resolve(value);
    else p.reject(this.#hostErrorFor(value));
  }

  #pollPromises(): void {
    for (const h of [...this.#pending.keys()]) if (this.alive) this.#pollPromise(h);
  }

  /** The original host error if `thrown` is the guest copy of one, else `thrown`. */
  #hostErrorFor(thrown: unknown): unknown {
    if (this.#hostErrors.length && thrown !== null && typeof thrown === 'object') {
      const r = guestRefs.get(thrown);
      if (r) for (const e of this.#hostErrors) if (this.#engine.same(r.h, e.h)) return e.error;
    }
    return thrown;
  }

  #readArgs(argc: number): unknown[] {
    const args = new Array<unknown>(argc);
    let refs = false;
    for (let i = 0; i < argc; i++) {
      if (this.#i32[this.#slot4 + 4 * (i + 1)] === Tag.StringRef) refs = true;
      else args[i] = this.#readSlot(i + 1);
    }
    if (refs) {
      const hs: [number, HandleId][] = [];
      for (let i = 0; i < argc; i++) {
        const p = this.#slot4 + 4 * (i + 1);
        if (this.#i32[p] === Tag.StringRef) hs.push([i, this.#i32[p + 2]! as HandleId]);
      }
      for (const [i, h] of hs) args[i] = this.#wrap(Tag.StringRef, 0, h);
    }
    return args;
  }

  /** Puts a host value in slot `i` (building objects first). */
  #writeValue(i: number, value: unknown): void {
    if (this.#needsBuild(value)) {
      const h = this.#toHandle(value);
      this.#refresh();
      this.#setSlot(i, h > 0 ? Tag.Handle : Tag.HandleTemp, 0, Math.abs(h));
    } else {
      this.#refresh();
      this.#writeLeaf(i, value, DATA_OFFSET);
    }
  }

  /** Makes `error` the exception the guest sees; returns HostResult.Throw. */
  #throwToGuest(error: unknown): number {
    try {
      if (error instanceof Error && !guestRefs.has(error)) {
        const h = -this.#toHandle({ name: String(error.name), message: String(error.message) }) as HandleId;
        // Keep the guest copy (a permanent handle) to recognise it if it comes back.
        this.#hostErrors.push({ h, error });
        if (this.#hostErrors.length > 16) this.#engine.handleRelease(this.#hostErrors.shift()!.h);
        this.#refresh();
        this.#setSlot(0, Tag.Handle, 0, h);
      } else {
        this.#writeValue(0, error);
      }
    } catch (e) {
      // A fatal error while copying the exception: the VM is gone, keep unwinding.
      if (this.#fatal) throw e;
      this.#refresh();
      this.#writeLeaf(0, String(error), DATA_OFFSET);
    }
    return HostResult.Throw;
  }

  #hostCall(id: number, argc: number): number {
    const fn = this.#imports[id];
    this.#refresh();
    const args = this.#readArgs(argc);
    // Restore checked every import the snapshot declares; only corrupt bytecode
    // calls another. The engine's own error for it, not a host exception.
    if (typeof fn !== 'function') return -9; /* MVM_E_UNRESOLVED_IMPORT */
    let result: unknown;
    this.#depth++;
    try {
      result = fn(...args);
    } catch (e) {
      // A fatal engine error (this VM is dead): keep unwinding, the engine
      // state is gone. Disposed during the call: let the engine unwind
      // normally, then rethrow (see $invoke).
      if (!this.alive && !this.#freePending) throw e;
      if (!this.alive) {
        this.#pendingThrow = e;
        return -14;
      }
      return this.#throwToGuest(e);
    } finally {
      this.#depth--;
    }
    if (!this.alive) {
      // The host function's promise will never reach the guest: observe it,
      // or its rejection would be unhandled (which ends a Node process).
      if (isThenable(result)) Promise.resolve(result).catch(() => {});
      return -14; /* MVM_E_HOST_ERROR: unwind; $invoke frees the VM */
    }
    if (isThenable(result)) return this.#startAsync(result);
    try {
      this.#writeValue(0, result);
    } catch (e) {
      return this.#throwToGuest(e);
    }
    return HostResult.Return;
  }

  #startAsync(thenable: PromiseLike<unknown>): number {
    const cb = this.#engine.asyncStart();
    this.#refresh();
    if (cb < 0) {
      Promise.resolve(thenable).catch(() => {});
      return this.#throwToGuest(
        -cb === ErrorCode.ASYNC_WITHOUT_AWAIT
          ? new MicroviumError(ErrorCode.ASYNC_WITHOUT_AWAIT, 'a host function returned a Promise, but the guest has no `await` (it cannot wait for it)')
          : new MicroviumError(-cb),
      );
    }
    const h = cb as HandleId;
    Promise.resolve(thenable).then(
      (value) => this.#settle(h, true, value),
      (error) => this.#settle(h, false, error),
    );
    return HostResult.Async;
  }

  #settle(cb: HandleId, ok: boolean, value: unknown): void {
    if (!this.alive) return;
    // This runs in a promise job: whatever it throws would be an unhandled
    // rejection, which ends a Node process. A fatal engine error in the
    // continuation (or in a host function it calls) goes to onUnhandledError.
    try {
      this.#resume(cb, ok, value);
    } catch (e) {
      this.#options.onUnhandledError?.(e);
    }
  }

  /** Resumes the guest's `await` with the settled host promise's outcome. */
  #resume(cb: HandleId, ok: boolean, value: unknown): void {
    let success = ok;
    try {
      if (ok) {
        this.#writeValue(1, value);
      } else {
        this.#throwToGuest(value);
        this.#copySlot(0, 1);
      }
    } catch (e) {
      success = false;
      this.#throwToGuest(e);
      this.#copySlot(0, 1);
    }
    this.#depth++;
    let err: number;
    try {
      err = this.#engine.asyncSettle(cb, success ? 1 : 0);
    } finally {
      this.#depth--;
      if (this.#freePending && this.#depth === 0) this.#engine.free();
    }
    this.#refresh();
    if (err === 44) this.#options.onUnhandledError?.(this.#hostErrorFor(this.#readSlot(0)));
    else if (err) this.#options.onUnhandledError?.(new MicroviumError(err));
    if (this.#pending.size) this.#pollPromises();
  }

  #copySlot(from: number, to: number): void {
    const a = this.#slot4 + 4 * from;
    const b = this.#slot4 + 4 * to;
    for (let k = 0; k < 4; k++) this.#i32[b + k] = this.#i32[a + k]!;
  }
}

/** The guest reference behind a host value, if any (for tests and backends). */
export function isGuestValue(value: unknown): boolean {
  return value !== null && (typeof value === 'object' || typeof value === 'function') && guestRefs.has(value);
}
