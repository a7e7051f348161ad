/**
 * The shared suite's formats (see FORMAT.md): cases, scenario steps,
 * transcript lines and the canonical value encoding.
 */
import { parse as parseYaml } from 'yaml';

/** Plain data a board can receive over a serial line. */
export type PlainValue =
  | undefined
  | null
  | boolean
  | number
  | string
  | PlainValue[]
  | { [key: string]: PlainValue };

export type Step =
  | { kind: 'call'; exportId: number; args: PlainValue[] }
  | { kind: 'snapshot' }
  | { kind: 'gas'; limit: number | 'off' }
  | { kind: 'gc' }
  | { kind: 'heap' };

export interface CaseMeta {
  description: string;
  tags: string[];
  /** `v8`: the transcript must equal what V8 computes for the same source. */
  oracle: 'v8' | 'none';
  steps: Step[];
}

export interface GuestCase extends CaseMeta {
  /** `group/name`, e.g. `float/add`. */
  id: string;
  source: string;
  /** Expected transcript lines, or undefined if the `.expected` file is missing. */
  expected: string[] | undefined;
}

/** Thrown for a malformed case file, naming the file (or, without one, the case). */
export class CaseFormatError extends Error {
  override name = 'CaseFormatError';
  readonly code = 'MVTK_CASE_FORMAT';
  constructor(
    readonly caseId: string,
    /** What is wrong, without the file name. */
    readonly reason: string,
    /** The case's `.js` file, when it was read from one. */
    readonly file?: string,
  ) {
    super(`${file ?? caseId}: ${reason}`);
  }
}

const frontMatter = /^\s*\/\*---\r?\n([\s\S]*?)\r?\n---\*\//;

/** Reads the YAML block at the top of a case's source. */
export function parseCaseMeta(caseId: string, source: string): CaseMeta {
  const m = frontMatter.exec(source);
  if (!m) throw new CaseFormatError(caseId, 'missing the /*--- ... ---*/ block');
  let doc: any;
  try {
    doc = parseYaml(m[1]!);
  } catch (error) {
    throw new CaseFormatError(caseId, `invalid YAML: ${(error as Error).message}`);
  }
  if (typeof doc?.description !== 'string') throw new CaseFormatError(caseId, '`description` is required');
  if (!Array.isArray(doc.steps) || doc.steps.length === 0) throw new CaseFormatError(caseId, '`steps` is required');
  const oracle = doc.oracle ?? 'v8';
  if (oracle !== 'v8' && oracle !== 'none') throw new CaseFormatError(caseId, '`oracle` is v8 or none');
  return {
    description: doc.description,
    tags: Array.isArray(doc.tags) ? doc.tags.map(String) : [],
    oracle,
    steps: doc.steps.map((s: unknown, i: number) => parseStep(caseId, i, s)),
  };
}

function parseStep(caseId: string, index: number, raw: unknown): Step {
  const bad = (why: string) => new CaseFormatError(caseId, `step ${index + 1}: ${why}`);
  if (raw === 'snapshot' || raw === 'gc' || raw === 'heap') return { kind: raw };
  if (typeof raw !== 'object' || raw === null) throw bad(`unknown step ${JSON.stringify(raw)}`);
  const s = raw as Record<string, unknown>;
  if ('call' in s) {
    const exportId = s.call;
    if (typeof exportId !== 'number' || !Number.isInteger(exportId) || exportId < 0 || exportId > 0xffff) {
      throw bad('`call` takes an export ID (0..65535)');
    }
    const args = s.args ?? [];
    if (!Array.isArray(args)) throw bad('`args` must be a list');
    args.forEach((a, i) => checkPlain(a, `args[${i}]`, bad));
    return { kind: 'call', exportId, args: args as PlainValue[] };
  }
  if ('gas' in s) {
    if (s.gas === 'off') return { kind: 'gas', limit: 'off' };
    if (typeof s.gas !== 'number' || !Number.isInteger(s.gas) || s.gas < 0) throw bad('`gas` takes a count or off');
    return { kind: 'gas', limit: s.gas };
  }
  throw bad(`unknown step ${JSON.stringify(raw)}`);
}

function checkPlain(v: unknown, where: string, bad: (why: string) => Error, depth = 0): void {
  if (depth > 8) throw bad(`${where} nests too deeply`);
  if (v === undefined || v === null || ['boolean', 'number', 'string'].includes(typeof v)) return;
  if (Array.isArray(v)) return v.forEach((x, i) => checkPlain(x, `${where}[${i}]`, bad, depth + 1));
  if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    for (const [k, x] of Object.entries(v)) checkPlain(x, `${where}.${k}`, bad, depth + 1);
    return;
  }
  throw bad(`${where} is not plain data`);
}

// ---- canonical encoding ----------------------------------------------------

/** How a target's guest values look on the host, for the encoder. */
export interface ValueInspector {
  /** Bytes if `value` is (a host view of) a guest Uint8Array. */
  uint8ArrayBytes?(value: unknown): Uint8Array | undefined;
  /**
   * Called with every object and function the encoder meets, so a runtime
   * can release the engine handles of the guest values it read.
   */
  visit?(value: object): void;
  /**
   * An object's own keys (default `Object.keys`). A runtime reads them
   * without property descriptors, whose values would hold engine handles
   * nobody can release.
   */
  ownKeys?(value: object): string[];
}

export const MAX_ENCODING_DEPTH = 8;

/** The canonical encoding of a value (FORMAT.md, "Values"). */
export function encodeValue(value: unknown, inspect: ValueInspector = {}, depth = 0): string {
  if (depth > MAX_ENCODING_DEPTH) return '...';
  switch (typeof value) {
    case 'undefined':
      return 'undefined';
    case 'boolean':
      return String(value);
    case 'number':
      return Object.is(value, -0) ? '-0' : String(value);
    case 'string':
      return encodeString(value);
    case 'function':
      inspect.visit?.(value);
      return 'function';
    case 'object': {
      if (value === null) return 'null';
      inspect.visit?.(value);
      const bytes = isUint8Array(value) ? value : inspect.uint8ArrayBytes?.(value);
      if (bytes) return `Uint8Array(${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(',')})`;
      if (Array.isArray(value)) {
        const parts: string[] = [];
        for (let i = 0; i < value.length; i++) parts.push(encodeValue(value[i], inspect, depth + 1));
        return `[${parts.join(',')}]`;
      }
      // Promises (and other thenables) are opaque.
      if (typeof (value as { then?: unknown }).then === 'function') return 'object';
      // Any other object encodes by its own enumerable keys, whatever its
      // prototype: plain objects, class instances, runtime proxies of guest objects.
      const parts = (inspect.ownKeys?.(value) ?? Object.keys(value)).map(
        (k) => `${encodeString(k)}:${encodeValue((value as Record<string, unknown>)[k], inspect, depth + 1)}`,
      );
      return `{${parts.join(',')}}`;
    }
    default:
      return 'object';
  }
}

const NOT_PLAIN: unique symbol = Symbol('not plain data');

/**
 * What the `echo` import returns for `x` (FORMAT.md), as the firmware agent
 * computes it by encoding `x` and parsing the text back: a fresh copy of
 * plain data (primitives, strings, arrays, objects, non-empty Uint8Arrays),
 * or `x` itself when the encoding cannot carry it (a function or promise
 * anywhere inside, an empty Uint8Array, nesting past the encoding's depth).
 */
export function echoValue(x: unknown, inspect: ValueInspector = {}): unknown {
  const copy = plainCopy(x, 1, inspect);
  return copy === NOT_PLAIN ? x : copy;
}

/** Plain host data for `x` at `depth` (the argument itself at 1, as the agent counts), or NOT_PLAIN. */
function plainCopy(x: unknown, depth: number, inspect: ValueInspector): unknown {
  if (depth > MAX_ENCODING_DEPTH) return NOT_PLAIN;
  if (x === null || (typeof x !== 'object' && typeof x !== 'function')) return x;
  inspect.visit?.(x);
  const bytes = isUint8Array(x) ? x : inspect.uint8ArrayBytes?.(x);
  // The engine cannot make an empty Uint8Array from bytes (engine patch 0006).
  if (bytes) return bytes.length > 0 ? new Uint8Array(bytes) : NOT_PLAIN;
  if (typeof x === 'function' || typeof (x as { then?: unknown }).then === 'function') return NOT_PLAIN;
  if (Array.isArray(x)) {
    const out: unknown[] = [];
    for (let i = 0; i < x.length; i++) {
      const v = plainCopy(x[i], depth + 1, inspect);
      if (v === NOT_PLAIN) return NOT_PLAIN;
      out.push(v);
    }
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const k of inspect.ownKeys?.(x) ?? Object.keys(x)) {
    const v = plainCopy((x as Record<string, unknown>)[k], depth + 1, inspect);
    if (v === NOT_PLAIN) return NOT_PLAIN;
    out[k] = v;
  }
  return out;
}

function isUint8Array(value: object): value is Uint8Array {
  return ArrayBuffer.isView(value) && Object.prototype.toString.call(value) === '[object Uint8Array]';
}

/** JSON.stringify's string form, with lowercase \u00xx escapes. */
export function encodeString(s: string): string {
  return JSON.stringify(s);
}

/** A print line's text with `\` and line breaks escaped (FORMAT.md). */
export function printLine(text: string): string {
  const escaped = text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
  return escaped === '' ? 'print' : `print ${escaped}`;
}

/** CRC-32 (IEEE 802.3), as used in `snapshot` lines. */
export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const b of bytes) {
    crc ^= b;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return (crc ^ 0xffffffff) >>> 0;
}

export function snapshotLine(bytes: Uint8Array): string {
  return `snapshot ${bytes.length} ${crc32(bytes).toString(16).padStart(8, '0')}`;
}

/** Microvium's error codes by number (microvium.h, mvm_TeError). */
export const ENGINE_ERROR_NAMES: readonly string[] = [
  'MVM_E_SUCCESS', 'MVM_E_UNEXPECTED', 'MVM_E_MALLOC_FAIL', 'MVM_E_ALLOCATION_TOO_LARGE',
  'MVM_E_INVALID_ADDRESS', 'MVM_E_COPY_ACROSS_BUCKET_BOUNDARY', 'MVM_E_FUNCTION_NOT_FOUND',
  'MVM_E_INVALID_HANDLE', 'MVM_E_STACK_OVERFLOW', 'MVM_E_UNRESOLVED_IMPORT', 'MVM_E_ATTEMPT_TO_WRITE_TO_ROM',
  'MVM_E_INVALID_ARGUMENTS', 'MVM_E_TYPE_ERROR', 'MVM_E_TARGET_NOT_CALLABLE', 'MVM_E_HOST_ERROR',
  'MVM_E_NOT_IMPLEMENTED', 'MVM_E_HOST_RETURNED_INVALID_VALUE', 'MVM_E_ASSERTION_FAILED',
  'MVM_E_INVALID_BYTECODE', 'MVM_E_UNRESOLVED_EXPORT', 'MVM_E_RANGE_ERROR', 'MVM_E_DETACHED_EPHEMERAL',
  'MVM_E_TARGET_IS_NOT_A_VM_FUNCTION', 'MVM_E_FLOAT64', 'MVM_E_NAN', 'MVM_E_NEG_ZERO',
  'MVM_E_OPERATION_REQUIRES_FLOAT_SUPPORT', 'MVM_E_BYTECODE_CRC_FAIL', 'MVM_E_BYTECODE_REQUIRES_FLOAT_SUPPORT',
  'MVM_E_PROTO_IS_READONLY', 'MVM_E_SNAPSHOT_TOO_LARGE', 'MVM_E_MALLOC_MUST_RETURN_POINTER_TO_EVEN_BOUNDARY',
  'MVM_E_ARRAY_TOO_LONG', 'MVM_E_OUT_OF_MEMORY', 'MVM_E_TOO_MANY_ARGUMENTS', 'MVM_E_REQUIRES_LATER_ENGINE',
  'MVM_E_PORT_FILE_VERSION_MISMATCH', 'MVM_E_PORT_FILE_MACRO_TEST_FAILURE', 'MVM_E_EXPECTED_POINTER_SIZE_TO_BE_16_BIT',
  'MVM_E_EXPECTED_POINTER_SIZE_NOT_TO_BE_16_BIT', 'MVM_E_TYPE_ERROR_TARGET_IS_NOT_CALLABLE', 'MVM_E_TDZ_ERROR',
  'MVM_E_MALLOC_NOT_WITHIN_RAM_PAGE', 'MVM_E_INVALID_ARRAY_INDEX', 'MVM_E_UNCAUGHT_EXCEPTION',
  'MVM_E_FATAL_ERROR_MUST_KILL_VM', 'MVM_E_OBJECT_KEYS_ON_NON_OBJECT', 'MVM_E_INVALID_UINT8_ARRAY_LENGTH',
  'MVM_E_CAN_ONLY_ASSIGN_BYTES_TO_UINT8_ARRAY', 'MVM_E_WRONG_BYTECODE_VERSION', 'MVM_E_USING_NEW_ON_NON_CLASS',
  'MVM_E_INSTRUCTION_COUNT_REACHED', 'MVM_E_REQUIRES_ACTIVE_VM', 'MVM_E_ASYNC_START_ERROR',
  'MVM_E_ASYNC_WITHOUT_AWAIT', 'MVM_E_TYPE_ERROR_AWAIT_NON_PROMISE', 'MVM_E_HEAP_CORRUPT',
  'MVM_E_CLASS_PROTOTYPE_MUST_BE_NULL_OR_OBJECT',
];

export function errorLine(code: number): string {
  return `error ${ENGINE_ERROR_NAMES[code] ?? `MVM_E_${code}`}`;
}
