/**
 * @mvtk/runtime-wasm: run Microvium snapshots in Node and the browser.
 *
 * ```js
 * import { Microvium } from '@mvtk/runtime-wasm';
 * const vm = await Microvium.restore(snapshot, { 1: (...a) => console.log(...a) });
 * vm.exports[1](2, 3);
 * ```
 */
import { createRuntime, type MicroviumRuntime, type RestoreOptions } from '@mvtk/runtime-core';
import { wasmBase64 } from '../build/wasm-inline.js';
import { WasmBackend, decodeBase64 } from './backend.js';

export interface WasmRestoreOptions extends RestoreOptions {
  /**
   * A compiled microvium.wasm (e.g. from `WebAssembly.compileStreaming(fetch(url))`
   * of the `@mvtk/runtime-wasm/wasm` file) to use instead of the inlined one.
   */
  module?: WebAssembly.Module;
}

/** The engine as bytes (the same file as the `@mvtk/runtime-wasm/wasm` export). */
export function wasmBytes(): Uint8Array {
  return decodeBase64(wasmBase64);
}

const defaultBackend = new WasmBackend(wasmBytes);
const byModule = new WeakMap<WebAssembly.Module, WasmBackend>();

function backendFor(options: WasmRestoreOptions | undefined): WasmBackend {
  const m = options?.module;
  if (!m) return defaultBackend;
  if (!(m instanceof WebAssembly.Module)) throw new TypeError('options.module must be a WebAssembly.Module');
  let b = byModule.get(m);
  if (!b) byModule.set(m, (b = new WasmBackend(m)));
  return b;
}

const runtime = createRuntime<WasmRestoreOptions>(defaultBackend, backendFor);

export interface WasmRuntime extends MicroviumRuntime<WasmRestoreOptions> {
  /**
   * Compile the engine synchronously (Node and workers; a browser's main
   * thread only allows `await Microvium.ready()`). Then restoreSync works.
   */
  readySync(): void;
  /** The compiled engine module, once ready (to share with workers or other realms). */
  readonly module: WebAssembly.Module | undefined;
}

/** The runtime: `Microvium.restore(snapshot, imports, options?)` and friends. */
export const Microvium: WasmRuntime = {
  restore: runtime.restore,
  restoreSync: runtime.restoreSync,
  ready: runtime.ready,
  get isReady() {
    return defaultBackend.isReady();
  },
  readySync: () => defaultBackend.readySync(),
  get module() {
    return defaultBackend.module;
  },
};
export default Microvium;

export {
  MicroviumVM,
  MicroviumError,
  ErrorCode,
  errorCodeName,
  GuestUint8Array,
  isGuestValue,
} from '@mvtk/runtime-core';
export type { HostFunction, Imports, RestoreOptions, MemoryStats, SnapshotBytes, Disposable } from '@mvtk/runtime-core';
