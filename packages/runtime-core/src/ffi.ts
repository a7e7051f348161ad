/**
 * The contract between the runtime core and an engine backend: the TypeScript
 * mirror of c/mvr.h. A backend (WASM, Node-API) loads the same C glue and
 * exposes one {@link EngineInstance} per VM; everything else (marshalling,
 * proxies, lifetimes, errors) lives in the core and is shared.
 *
 * @unstable The FFI is private to the mvtk runtimes and may change.
 * @packageDocumentation
 */

declare const brand: unique symbol;
/** A handle id in a VM's handle table (mvr.c); 0 is "no handle". */
export type HandleId = number & { readonly [brand]: 'HandleId' };

/** Must equal MVR_ABI_VERSION in c/mvr.h. */
export const MVR_ABI_VERSION = 2;

/** Scratch layout (c/mvr.h "Scratch"). */
export const SLOTS_OFFSET = 16;
export const SLOT_COUNT = 272;
export const DATA_OFFSET = SLOTS_OFFSET + 16 * SLOT_COUNT;
export const DATA_SIZE = 16384;
export const MAX_ARGS = 255;

/** Slot tags (MVR_T_*). */
export const enum Tag {
  Undefined = 0,
  Null = 1,
  True = 2,
  False = 3,
  Int32 = 4,
  Double = 5,
  String = 6,
  Bytes = 7,
  Handle = 8,
  HandleTemp = 9,
  ObjectBegin = 10,
  ArrayBegin = 11,
  Object = 16,
  Array = 17,
  Function = 18,
  Class = 19,
  Uint8Array = 20,
  Promise = 21,
  StringRef = 22,
  Other = 23,
}

/** mvr_host_call results (MVR_HOST_*). */
export const enum HostResult {
  Return = 0,
  Throw = 1,
  Async = 2,
}

/** mvr_call flags. */
export const enum CallFlags {
  None = 0,
  This = 1,
  New = 2,
}

/**
 * Typed views of one VM's scratch buffer. `base` is the byte offset of the
 * scratch buffer inside the views' ArrayBuffer (so slot `i`'s tag is
 * `i32[(base + SLOTS_OFFSET + 16 * i) >> 2]`). The views may be replaced when
 * the backend's memory grows: {@link EngineInstance.views} returns current
 * ones, and a detached view has length 0.
 */
export interface ScratchViews {
  readonly base: number;
  readonly u8: Uint8Array;
  readonly i32: Int32Array;
  readonly f64: Float64Array;
}

/** Callbacks from the engine into the core, given to a backend per VM. */
export interface EngineHooks {
  /**
   * A guest called import `id` with arguments in slots 1..argc. Returns a
   * {@link HostResult}, or a negative mvm_TeError to make the engine unwind
   * with that error. It throws only after a fatal error of this VM.
   */
  hostCall(id: number, argc: number): number;
  /** The guest reached a breakpoint. */
  breakpoint(address: number): void;
  /**
   * The engine stopped with a fatal error (`code`, an mvm_TeError): the VM is
   * unusable. The backend calls this and then throws what it returns, which
   * unwinds the engine (WASM: the exception unwinds the instance's stack; a
   * native backend longjmps to its entry point and throws after).
   */
  fatal(code: number): Error;
}

/**
 * Runtime-side fatal codes a backend may pass to {@link EngineHooks.fatal}
 * besides the engine's own: the engine faulted (ErrorCode.TRAP in errors.ts).
 */
export const FATAL_TRAP = 1105;

/**
 * One VM in a backend: the mvr_* functions bound to that VM. Return values
 * follow c/mvr.h (error codes, handle ids, negative errors).
 */
export interface EngineInstance {
  /** Restore the snapshot; returns 0 or an mvm_TeError code. Called once. */
  restore(snapshot: Uint8Array): number;
  views(): ScratchViews;
  importIds(): number;
  exportIds(): number;
  export(id: number): number;
  call(fn: HandleId, argc: number, flags: number): number;
  build(count: number): number;
  get(obj: HandleId): number;
  set(obj: HandleId): number;
  delete(obj: HandleId): number;
  keys(obj: HandleId, first: number): number;
  bytesRead(h: HandleId, start: number, length: number): number;
  bytesWrite(h: HandleId, start: number, length: number): number;
  stringRead(h: HandleId): number;
  handleRelease(h: HandleId): void;
  handleCount(): number;
  same(a: HandleId, b: HandleId): number;
  asyncStart(): number;
  asyncSettle(callback: HandleId, success: number): number;
  promiseState(h: HandleId): number;
  /** A copy of the VM's snapshot, or null if it does not fit in the page. */
  createSnapshot(): Uint8Array | null;
  runGC(squeeze: boolean): void;
  memoryStats(): void;
  stopAfter(n: number): void;
  gasRemaining(): number;
  breakpointSet(address: number): void;
  breakpointRemove(address: number): void;
  currentAddress(): number;
  /** Bytes of host memory this VM's engine holds (e.g. its WASM memory). */
  memoryBytes(): number;
  /** (major << 16) | (minor << 8) | patch of the engine. */
  engineVersion(): number;
  /** Free the VM; the instance must not be used afterwards. */
  free(): void;
  /**
   * Drop the VM after a fatal engine error without running engine code (its
   * state is inconsistent); release the memory only.
   */
  discard(): void;
}

/** A backend: creates engine instances. Implemented by each runtime package. */
export interface EngineBackend {
  readonly name: string;
  /** Whether {@link createInstance} can run now (e.g. the WASM module is compiled). */
  isReady(): boolean;
  /** Prepare (e.g. compile the WASM module). Idempotent. */
  ready(): Promise<void>;
  /** One VM's engine; throws if not {@link isReady}. */
  createInstance(hooks: EngineHooks): EngineInstance;
}
