/**
 * @mvtk/runtime-core: the backend-independent part of the mvtk Microvium
 * runtimes. Runtime packages bundle it; it is not published on its own.
 */
export { MicroviumVM, GuestUint8Array, isGuestValue } from './vm.js';
export type { HostFunction, Imports, RestoreOptions, MemoryStats } from './vm.js';
export { MicroviumError, ErrorCode, errorCodeName } from './errors.js';
export { Lifetime, type Disposable } from './lifetime.js';
export { createRuntime, toSnapshotBytes, type MicroviumRuntime, type SnapshotBytes } from './runtime.js';
export * as ffi from './ffi.js';
export type { EngineBackend, EngineInstance, EngineHooks, ScratchViews, HandleId } from './ffi.js';
