/**
 * Compiles guest JavaScript to a Microvium snapshot with the pinned compiler
 * (`microvium@8.0.0`), configured from the same port settings the engine is
 * built with, so the snapshot and every target's engine agree.
 */
import { readPortConfig } from '@mvtk/port';
import * as microvium from 'microvium';

export interface CompileOptions {
  /** Name shown in compile errors. */
  filename?: string;
  /**
   * Host functions available while the guest's top level runs at compile
   * time, by import ID. A guest's `vmImport(id)` needs no entry here unless
   * the top level calls it.
   */
  compileTimeImports?: Record<number, (...args: any[]) => any>;
}

export interface CompiledGuest {
  /** The snapshot bytecode. */
  bytes: Uint8Array;
  /** Lines the guest printed through import 1 while its top level ran. */
  compileTimeOutput: string[];
}

/** Thrown when the guest source does not compile. */
export class GuestCompileError extends Error {
  override name = 'GuestCompileError';
  readonly code = 'MVTK_GUEST_COMPILE';
  constructor(
    readonly filename: string,
    cause: unknown,
  ) {
    super(`${filename}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/** Options the compiler must share with the engine (see port/include/mvp_config.h). */
export function compilerOptionsFromPort(): { overflowChecks: boolean } {
  const port = readPortConfig();
  return { overflowChecks: port.INT32_OVERFLOW_CHECKS === 1 };
}

export function compileGuest(source: string, options: CompileOptions = {}): CompiledGuest {
  const filename = options.filename ?? 'guest.js';
  const compileTimeOutput: string[] = [];
  const imports: Record<number, (...args: any[]) => any> = {
    1: (...args: unknown[]) => {
      compileTimeOutput.push(args.map(String).join(' '));
    },
    ...options.compileTimeImports,
  };
  // `overflowChecks` is accepted by the compiler's VM but missing from its
  // public option type.
  const opts = compilerOptionsFromPort() as microvium.MicroviumCreateOpts;
  try {
    const vm = microvium.create(imports, opts);
    // The only globals a guest gets at compile time: the snapshot boundary.
    vm.globalThis.vmImport = vm.vmImport;
    vm.globalThis.vmExport = vm.vmExport;
    vm.evaluateModule({ sourceText: source, debugFilename: filename });
    const snapshot = vm.createSnapshot();
    return { bytes: new Uint8Array(snapshot.data), compileTimeOutput };
  } catch (error) {
    throw new GuestCompileError(filename, error);
  }
}
