/**
 * Every ownership rule of the runtime, in one place.
 *
 * - A VM owns its engine instance. `vm.dispose()` (or `using vm = ...`) frees
 *   it at once; a VM that is dropped without dispose is freed by a
 *   FinalizationRegistry when it is garbage collected. A disposed VM throws
 *   MVR_E_DISPOSED on every use; a VM stopped by a fatal engine error throws
 *   MVR_E_VM_DEAD.
 * - Every guest object, array, function or Uint8Array the host sees holds one
 *   engine handle. The handle is released when the host value is garbage
 *   collected (FinalizationRegistry), or at once with `vm.release(value)`.
 *   Handles never outlive their VM: disposing the VM frees them all.
 * - Temporary handles (arguments built for one call) are released by the C
 *   glue as soon as it has read them.
 * - Values the host passes to the guest are copied; the guest never holds a
 *   reference to a host object, except import functions (resolved by ID).
 */
import { ErrorCode, MicroviumError } from './errors.js';

/** Something that holds a resource until disposed. */
export interface Disposable {
  readonly alive: boolean;
  dispose(): void;
  [Symbol.dispose](): void;
}

// Symbol.dispose exists from Node 22 / recent browsers; define it elsewhere so
// `using` works with TypeScript's downlevel helpers on older runtimes.
const symbolDispose: typeof Symbol.dispose =
  (Symbol as { dispose?: typeof Symbol.dispose }).dispose ?? (Symbol.for('Symbol.dispose') as typeof Symbol.dispose);
if (!(Symbol as { dispose?: symbol }).dispose) {
  try {
    Object.defineProperty(Symbol, 'dispose', { value: symbolDispose });
  } catch {
    // frozen intrinsics: `using` is then unavailable, dispose() still works
  }
}
export { symbolDispose };

/** Frees engine instances of VMs that were garbage collected without dispose(). */
const vmRegistry =
  typeof FinalizationRegistry === 'function'
    ? new FinalizationRegistry<{ free(): void }>((engine) => {
        try {
          engine.free();
        } catch {
          // the instance may already be unusable (fatal error)
        }
      })
    : undefined;

/**
 * Base of objects that own an engine resource. Subclasses call
 * {@link assertAlive} before every use.
 */
export abstract class Lifetime implements Disposable {
  #state: 'alive' | 'disposed' | 'dead' = 'alive';
  #deadCode = 0;

  get alive(): boolean {
    return this.#state === 'alive';
  }

  /** Register `engine` to be freed if this object is collected undisposed. */
  protected track(engine: { free(): void }): void {
    vmRegistry?.register(this, engine, this);
  }

  protected assertAlive(): void {
    if (this.#state === 'alive') return;
    throw this.#state === 'disposed'
      ? new MicroviumError(ErrorCode.DISPOSED)
      : new MicroviumError(ErrorCode.VM_DEAD, `stopped by ${this.#deadCode}`, { fatal: true });
  }

  /** Mark unusable after a fatal engine error (the resource is freed too). */
  protected markDead(code: number): void {
    if (this.#state !== 'alive') return;
    this.#state = 'dead';
    this.#deadCode = code;
    vmRegistry?.unregister(this);
    this.freeResource();
  }

  dispose(): void {
    if (this.#state === 'disposed') return;
    const wasAlive = this.#state === 'alive';
    this.#state = 'disposed';
    vmRegistry?.unregister(this);
    if (wasAlive) this.freeResource();
  }

  [symbolDispose](): void {
    this.dispose();
  }

  /** Free the resource (once). */
  protected abstract freeResource(): void;
}

/**
 * Releases engine handles of host values (proxies, functions) that were
 * garbage collected. One per VM; holds only the handle ids.
 */
export class HandleReaper {
  readonly #registry: FinalizationRegistry<number> | undefined;
  constructor(release: (handle: number) => void) {
    this.#registry =
      typeof FinalizationRegistry === 'function' ? new FinalizationRegistry<number>(release) : undefined;
  }
  /** Release `handle` when `owner` is collected, unless {@link forget} is called first. */
  watch(owner: object, handle: number): void {
    this.#registry?.register(owner, handle, owner);
  }
  forget(owner: object): void {
    this.#registry?.unregister(owner);
  }
}
