/**
 * @mvtk/runtime-node-native: Microvium snapshots in Node.js through a
 * Node-API addon. The same API as @mvtk/runtime-wasm (both are built on
 * @mvtk/runtime-core), so switching runtimes is changing one import:
 *
 *   import { Microvium } from '@mvtk/runtime-node-native';
 *   const vm = await Microvium.restore(snapshot, { 1: console.log });
 *
 * Each VM lives in its own 64 KiB-aligned memory region; an engine fatal
 * error becomes a {@link MicroviumError} with `fatal: true` and leaves only
 * that VM unusable.
 *
 * @packageDocumentation
 */
import { createRuntime, type MicroviumRuntime, type RestoreOptions } from '@mvtk/runtime-core';
import { NodeNativeBackend } from './backend.js';

export {
  MicroviumVM,
  GuestUint8Array,
  isGuestValue,
  MicroviumError,
  ErrorCode,
  errorCodeName,
  Lifetime,
  toSnapshotBytes,
} from '@mvtk/runtime-core';
export type {
  HostFunction,
  Imports,
  RestoreOptions,
  MemoryStats,
  Disposable,
  MicroviumRuntime,
  SnapshotBytes,
} from '@mvtk/runtime-core';
export { NodeNativeBackend, liveRegions, liveVms } from './backend.js';

/** The engine backend this package uses (one per thread). */
export const backend: NodeNativeBackend = new NodeNativeBackend();

/** Restore VMs from snapshots: `Microvium.restore(snapshot, imports, options)`. */
export const Microvium: MicroviumRuntime<RestoreOptions> = createRuntime(backend);

export default Microvium;
