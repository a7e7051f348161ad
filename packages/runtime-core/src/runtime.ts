/**
 * The public entry points of a runtime, for a given backend: what
 * `@mvtk/runtime-wasm` exports as `Microvium`.
 */
import type { EngineBackend } from './ffi.js';
import { ErrorCode, MicroviumError } from './errors.js';
import { MicroviumVM, type Imports, type RestoreOptions } from './vm.js';

/** Snapshot bytes: a Uint8Array, an ArrayBuffer or an array of byte values. */
export type SnapshotBytes = Uint8Array | ArrayBuffer | ArrayLike<number>;

export interface MicroviumRuntime<O extends RestoreOptions = RestoreOptions> {
  /** Restore a VM from a snapshot (prepares the engine first if needed). */
  restore(snapshot: SnapshotBytes, imports?: Imports, options?: O): Promise<MicroviumVM>;
  /** Restore synchronously; the engine must be ready (see {@link ready}). */
  restoreSync(snapshot: SnapshotBytes, imports?: Imports, options?: O): MicroviumVM;
  /** Prepare the engine (e.g. compile the WASM module) so restoreSync works. */
  ready(): Promise<void>;
  /** Whether restoreSync can run now. */
  readonly isReady: boolean;
}

export function toSnapshotBytes(snapshot: SnapshotBytes): Uint8Array {
  if (snapshot instanceof Uint8Array) return snapshot;
  if (snapshot instanceof ArrayBuffer) return new Uint8Array(snapshot);
  if (snapshot && typeof (snapshot as ArrayLike<number>).length === 'number') {
    const bytes = Uint8Array.from(snapshot as ArrayLike<number>);
    return bytes;
  }
  throw new TypeError('snapshot must be a Uint8Array, an ArrayBuffer or an array of bytes');
}

/**
 * The runtime API over `backend`. `prepare` may adapt the options per backend
 * (e.g. accept a precompiled WebAssembly.Module) and return the backend to use.
 */
export function createRuntime<O extends RestoreOptions>(
  backend: EngineBackend,
  prepare: (options: O | undefined) => EngineBackend = () => backend,
): MicroviumRuntime<O> {
  return {
    async restore(snapshot, imports = {}, options) {
      const b = prepare(options);
      await b.ready();
      return new MicroviumVM(b, toSnapshotBytes(snapshot), imports, options);
    },
    restoreSync(snapshot, imports = {}, options) {
      const b = prepare(options);
      if (!b.isReady()) {
        throw new MicroviumError(ErrorCode.NOT_READY, `the ${b.name} engine is not ready: await Microvium.ready() first`);
      }
      return new MicroviumVM(b, toSnapshotBytes(snapshot), imports, options);
    },
    ready: () => backend.ready(),
    get isReady() {
      return backend.isReady();
    },
  };
}
