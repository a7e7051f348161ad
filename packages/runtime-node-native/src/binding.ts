/**
 * The Node-API addon (c/mvn_napi.c), loaded with node-gyp-build: a prebuilt
 * binary from prebuilds/<platform>-<arch>/ when one matches, else the one
 * built from source in build/Release. `MVTK_NATIVE_ADDON=/path/to/mvn.node`
 * loads that file instead (the fuzzer's AddressSanitizer build, see
 * test/harness/build-harness.mjs).
 *
 * @unstable Private to this package.
 * @packageDocumentation
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Results beyond mvr's own (c/mvn_core.h). */
export const MVN_E_FATAL = -0x7fff0001;
export const MVN_E_DEAD = -0x7fff0002;
export const MVN_E_ACTIVE = -0x7fff0003;

/** Operation codes of `op` (enum mvn_opcode in c/mvn_core.h; same order). */
export const enum Op {
  ImportIds,
  ExportIds,
  Export,
  Call,
  Build,
  Get,
  Set,
  Delete,
  Keys,
  BytesRead,
  BytesWrite,
  StringRead,
  HandleRelease,
  HandleCount,
  Same,
  AsyncStart,
  AsyncSettle,
  PromiseState,
  RunGC,
  MemoryStats,
  StopAfter,
  GasRemaining,
  BreakpointSet,
  BreakpointRemove,
  CurrentAddress,
}

/**
 * A call's operands in one number for the addon's `call` (each argument of a
 * Node-API function costs a conversion): handle ids are below 2^20 and argc
 * at most 255 (c/mvn_napi.c checks both limits at compile time).
 */
export const packCall = (fn: number, argc: number, flags: number): number => (fn | (argc << 20) | (flags << 28)) >>> 0;

/** What the addon exports (see the comment at the top of c/mvn_napi.c). */
export interface NativeBinding {
  abiVersion(): number;
  engineVersion(): number;
  setHost(
    call: (vm: number, fn: number, argc: number) => number,
    breakpoint: (vm: number, address: number) => void,
  ): void;
  create(): number;
  restore(vm: number, snapshot: Uint8Array): number;
  scratch(vm: number): ArrayBuffer | number;
  op(vm: number, op: Op, a?: number, b?: number, c?: number): number;
  /** `packed`: see {@link packCall}. */
  call(vm: number, packed: number): number;
  snapshot(vm: number): Uint8Array | number;
  dispose(vm: number): number;
  fatalCode(vm: number): number;
  liveRegions(): number;
  liveVms(): number;
  pageAddress(vm: number): number;
}

/** The package's root directory (where binding.gyp and prebuilds/ are). */
export function packageRoot(): string {
  // dist/index.js (or .cjs) -> the package root; src/*.ts in tests -> the same.
  return join(dirname(fileURLToPath(import.meta.url)), '..');
}

let binding: NativeBinding | undefined;

/** Loads the addon once per thread (each worker gets its own instance data). */
export function loadBinding(): NativeBinding {
  if (!binding) {
    const require = createRequire(import.meta.url);
    const load = require('node-gyp-build') as (dir: string) => unknown;
    const override = process.env.MVTK_NATIVE_ADDON;
    binding = (override ? require(override) : load(packageRoot())) as NativeBinding;
  }
  return binding;
}
