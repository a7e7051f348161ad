/**
 * The one error class of the runtime. Engine errors (mvm_TeError) and the
 * runtime's own (MVR_E_*) carry a numeric `code` and its `codeName`.
 * Exceptions thrown by guest code are not wrapped: the host receives the
 * thrown value itself.
 */

/** mvm_TeError names by code (microvium.h, engine 8.0.0). */
const engineCodes = [
  'MVM_E_SUCCESS', 'MVM_E_UNEXPECTED', 'MVM_E_MALLOC_FAIL', 'MVM_E_ALLOCATION_TOO_LARGE',
  'MVM_E_INVALID_ADDRESS', 'MVM_E_COPY_ACROSS_BUCKET_BOUNDARY', 'MVM_E_FUNCTION_NOT_FOUND',
  'MVM_E_INVALID_HANDLE', 'MVM_E_STACK_OVERFLOW', 'MVM_E_UNRESOLVED_IMPORT',
  'MVM_E_ATTEMPT_TO_WRITE_TO_ROM', 'MVM_E_INVALID_ARGUMENTS', 'MVM_E_TYPE_ERROR',
  'MVM_E_TARGET_NOT_CALLABLE', 'MVM_E_HOST_ERROR', 'MVM_E_NOT_IMPLEMENTED',
  'MVM_E_HOST_RETURNED_INVALID_VALUE', 'MVM_E_ASSERTION_FAILED', 'MVM_E_INVALID_BYTECODE',
  'MVM_E_UNRESOLVED_EXPORT', 'MVM_E_RANGE_ERROR', 'MVM_E_DETACHED_EPHEMERAL',
  'MVM_E_TARGET_IS_NOT_A_VM_FUNCTION', 'MVM_E_FLOAT64', 'MVM_E_NAN', 'MVM_E_NEG_ZERO',
  'MVM_E_OPERATION_REQUIRES_FLOAT_SUPPORT', 'MVM_E_BYTECODE_CRC_FAIL',
  'MVM_E_BYTECODE_REQUIRES_FLOAT_SUPPORT', 'MVM_E_PROTO_IS_READONLY', 'MVM_E_SNAPSHOT_TOO_LARGE',
  'MVM_E_MALLOC_MUST_RETURN_POINTER_TO_EVEN_BOUNDARY', 'MVM_E_ARRAY_TOO_LONG',
  'MVM_E_OUT_OF_MEMORY', 'MVM_E_TOO_MANY_ARGUMENTS', 'MVM_E_REQUIRES_LATER_ENGINE',
  'MVM_E_PORT_FILE_VERSION_MISMATCH', 'MVM_E_PORT_FILE_MACRO_TEST_FAILURE',
  'MVM_E_EXPECTED_POINTER_SIZE_TO_BE_16_BIT', 'MVM_E_EXPECTED_POINTER_SIZE_NOT_TO_BE_16_BIT',
  'MVM_E_TYPE_ERROR_TARGET_IS_NOT_CALLABLE', 'MVM_E_TDZ_ERROR', 'MVM_E_MALLOC_NOT_WITHIN_RAM_PAGE',
  'MVM_E_INVALID_ARRAY_INDEX', 'MVM_E_UNCAUGHT_EXCEPTION', 'MVM_E_FATAL_ERROR_MUST_KILL_VM',
  'MVM_E_OBJECT_KEYS_ON_NON_OBJECT', 'MVM_E_INVALID_UINT8_ARRAY_LENGTH',
  'MVM_E_CAN_ONLY_ASSIGN_BYTES_TO_UINT8_ARRAY', 'MVM_E_WRONG_BYTECODE_VERSION',
  'MVM_E_USING_NEW_ON_NON_CLASS', 'MVM_E_INSTRUCTION_COUNT_REACHED', 'MVM_E_REQUIRES_ACTIVE_VM',
  'MVM_E_ASYNC_START_ERROR', 'MVM_E_ASYNC_WITHOUT_AWAIT', 'MVM_E_TYPE_ERROR_AWAIT_NON_PROMISE',
  'MVM_E_HEAP_CORRUPT', 'MVM_E_CLASS_PROTOTYPE_MUST_BE_NULL_OR_OBJECT',
] as const;

/** The runtime's own codes (c/mvr.h MVR_E_*, plus host-side ones from 1100). */
export const ErrorCode = {
  TOO_MANY_HANDLES: 1000,
  INVALID_HANDLE: 1001,
  BUILD: 1002,
  STRING_TOO_LONG: 1003,
  NO_HOST_CALL: 1004,
  ASYNC_WITHOUT_AWAIT: 1005,
  TOO_MANY_ARGUMENTS: 1006,
  DISPOSED: 1100,
  VM_DEAD: 1101,
  MISSING_IMPORTS: 1102,
  NOT_READY: 1103,
  ABI_MISMATCH: 1104,
  /** The engine's code faulted (a WebAssembly trap: out-of-bounds access, stack exhaustion). */
  TRAP: 1105,
} as const;

const runtimeCodes: Record<number, string> = Object.fromEntries(
  Object.entries(ErrorCode).map(([name, code]) => [code, `MVR_E_${name}`]),
);

const messages: Record<string, string> = {
  MVM_E_TYPE_ERROR: 'TypeError',
  MVM_E_OUT_OF_MEMORY: 'the guest heap is full',
  MVM_E_INSTRUCTION_COUNT_REACHED: 'the instruction limit set by stopAfterNInstructions was reached',
  MVM_E_STACK_OVERFLOW: 'guest stack overflow',
  MVM_E_INVALID_BYTECODE: 'the snapshot is not valid Microvium bytecode',
  MVM_E_WRONG_BYTECODE_VERSION: 'the snapshot was compiled for a different engine version',
  MVM_E_BYTECODE_CRC_FAIL: 'the snapshot is corrupt (CRC mismatch)',
  MVR_E_TOO_MANY_HANDLES: 'too many live guest values held by the host (release some proxies)',
  MVR_E_STRING_TOO_LONG: 'a string is longer than the engine allows (4094 UTF-8 bytes)',
  MVR_E_DISPOSED: 'the VM has been disposed',
  MVR_E_VM_DEAD: 'the VM was stopped by a fatal engine error and cannot be used',
  MVR_E_TRAP: 'the engine faulted (a corrupt snapshot or an engine bug); the VM was stopped',
};

/** The name of an error code, e.g. 12 -> 'MVM_E_TYPE_ERROR'. */
export function errorCodeName(code: number): string {
  return engineCodes[code] ?? runtimeCodes[code] ?? `MVM_E_UNKNOWN_${code}`;
}

/**
 * An error reported by the engine or the runtime (not a guest `throw`).
 * `fatal` errors left the VM unusable.
 */
export class MicroviumError extends Error {
  override name = 'MicroviumError';
  readonly code: number;
  readonly codeName: string;
  readonly fatal: boolean;
  constructor(code: number, detail?: string, options?: { fatal?: boolean; cause?: unknown }) {
    const codeName = errorCodeName(code);
    const base = messages[codeName];
    super(
      `${codeName} (${code})${base ? `: ${base}` : ''}${detail ? `${base ? '; ' : ': '}${detail}` : ''}`,
      options?.cause === undefined ? undefined : { cause: options.cause },
    );
    this.code = code;
    this.codeName = codeName;
    this.fatal = options?.fatal ?? false;
  }
}
