/**
 * Targets backed by a runtime package with the @microvium/runtime-style API
 * (`@mvtk/runtime-wasm`, `@mvtk/runtime-node-native`): the scenario runs in
 * this process, values cross the runtime's marshalling layer, and return
 * values are encoded on the host with {@link encodeValue}.
 */
import {
  echoValue,
  encodeValue,
  errorLine,
  printLine,
  ENGINE_ERROR_NAMES,
  snapshotLine,
  type PlainValue,
  type Step,
  type ValueInspector,
} from '../format.js';
import { TargetInfrastructureError, type RunResult, type Target } from '../target.js';

/** What the adapter needs from a runtime's VM. */
export interface RuntimeVM {
  readonly exports: Record<number, unknown>;
  createSnapshot(): Uint8Array;
  runGC(squeeze?: boolean): void;
  getMemoryStats(): { virtualHeapUsed: number };
  stopAfterNInstructions(n: number): void;
  /** Releases the engine handle of a guest value the host holds. */
  release(value: unknown): void;
  dispose(): void;
  readonly alive?: boolean;
}

/** What the adapter needs from a runtime package. */
export interface RuntimeModule {
  Microvium: {
    restore(snapshot: Uint8Array, imports: Record<number, (...args: any[]) => unknown>): Promise<RuntimeVM>;
  };
  /** The host view of a guest Uint8Array. */
  GuestUint8Array?: abstract new (...args: any[]) => { toUint8Array(): Uint8Array };
}

interface EngineError {
  code: number;
  codeName: string;
  fatal: boolean;
}

function engineError(error: unknown): EngineError | undefined {
  if (error instanceof Error && error.name === 'MicroviumError') {
    const e = error as unknown as EngineError;
    if (typeof e.code === 'number' && typeof e.codeName === 'string') return e;
  }
  return undefined;
}

/** A Target over a runtime module. `name` e.g. `wasm-node` or `native`. */
export function runtimeTarget(name: string, runtime: RuntimeModule): Target {
  const GuestU8 = runtime.GuestUint8Array;
  const uint8ArrayBytes = (v: unknown) => (GuestU8 && v instanceof GuestU8 ? v.toUint8Array() : undefined);
  // Object.keys would read each property's descriptor, and a descriptor's
  // value is a guest value whose engine handle only the host GC releases.
  const ownKeys = (v: object) => Reflect.ownKeys(v).filter((k): k is string => typeof k === 'string');

  return {
    name,
    async run(snapshot: Uint8Array, steps: readonly Step[]): Promise<RunResult> {
      const transcript: string[] = [];
      const snapshots: Uint8Array[] = [];
      // Every guest object, function or Uint8Array the host reads holds an
      // engine handle (a GC root) until released. Left to the host's garbage
      // collector, they would keep guest garbage alive into `heap` and
      // `snapshot` lines at whatever moment it runs; they are released after
      // each call, as C hosts release theirs.
      const seen: object[] = [];
      const see = (v: unknown) => {
        if (v !== null && (typeof v === 'object' || typeof v === 'function')) seen.push(v);
      };
      const releaseSeen = () => {
        if (vm.alive !== false) for (const v of seen) vm.release(v);
        seen.length = 0;
      };
      const inspect: ValueInspector = { uint8ArrayBytes, visit: see, ownKeys };

      const imports = {
        1: (...args: unknown[]) => {
          args.forEach(see);
          transcript.push(printLine(args.map((a) => String(a)).join(' ')));
        },
        2: (x: unknown) => echoValue(x, inspect),
      };
      const restore = async (bytes: Uint8Array): Promise<RuntimeVM> => {
        try {
          return await runtime.Microvium.restore(bytes, imports);
        } catch (error) {
          throw new TargetInfrastructureError(name, `cannot restore the snapshot: ${(error as Error).message}`, { cause: error });
        }
      };
      let vm = await restore(snapshot);
      let gas = -1;
      try {
        for (const step of steps) {
          switch (step.kind) {
            case 'call': {
              const fn = vm.exports[step.exportId];
              if (!(step.exportId in vm.exports)) {
                transcript.push(errorLine(ENGINE_ERROR_NAMES.indexOf('MVM_E_UNRESOLVED_EXPORT')));
                break;
              }
              if (typeof fn !== 'function') {
                // The engine's answer to calling a non-function export (the API cannot call it).
                transcript.push(errorLine(ENGINE_ERROR_NAMES.indexOf('MVM_E_TYPE_ERROR_TARGET_IS_NOT_CALLABLE')));
                break;
              }
              vm.stopAfterNInstructions(gas);
              try {
                const result = fn(...step.args.map(toHostArg));
                transcript.push(`return ${encodeValue(result, inspect)}`);
              } catch (error) {
                const e = engineError(error);
                if (e?.fatal) {
                  transcript.push(`fatal ${e.codeName}`);
                  return { transcript, snapshots };
                }
                transcript.push(e ? `error ${e.codeName}` : `throw ${encodeValue(error, inspect)}`);
              } finally {
                releaseSeen();
              }
              if (vm.alive !== false) vm.stopAfterNInstructions(-1);
              break;
            }
            case 'snapshot': {
              vm.runGC(); // FORMAT.md: the capture holds no garbage, whatever the host allocated
              const bytes = vm.createSnapshot();
              snapshots.push(bytes);
              transcript.push(snapshotLine(bytes));
              vm.dispose();
              vm = await restore(bytes);
              break;
            }
            case 'gas':
              gas = step.limit === 'off' ? -1 : step.limit;
              break;
            case 'gc':
              vm.runGC(false);
              break;
            case 'heap':
              vm.runGC(false);
              transcript.push(`heap ${vm.getMemoryStats().virtualHeapUsed}`);
              break;
          }
        }
        return { transcript, snapshots };
      } finally {
        if (vm.alive !== false) vm.dispose();
      }
    },
    async close() {},
  };
}

/** Arguments as the runtime takes them: plain data (YAML gives plain objects and arrays). */
function toHostArg(x: PlainValue): unknown {
  return x;
}
