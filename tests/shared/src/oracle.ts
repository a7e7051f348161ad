/**
 * The V8 oracle: runs a case's guest source as plain JavaScript in a V8
 * context with the same imports, so transcripts of cases whose semantics are
 * plain JavaScript can be checked against what V8 computes.
 *
 * Snapshot steps continue on the same state (a restored snapshot must behave
 * exactly so) and produce no line; `gas`, `gc` and `heap` have no meaning in
 * V8, so cases that use them declare `oracle: none`.
 */
import vm from 'node:vm';
import { echoValue, encodeValue, printLine, type PlainValue, type Step } from './format.js';

export function runInV8(source: string, steps: readonly Step[]): string[] {
  const transcript: string[] = [];
  const exports = new Map<number, Function>();
  const imports: Record<number, Function> = {
    1: (...args: unknown[]) => {
      transcript.push(printLine(args.map((a) => String(a)).join(' ')));
    },
    2: (x: unknown) => echoValue(x),
  };
  const context = vm.createContext(
    {
      vmImport: (id: number) => {
        const f = imports[id];
        if (!f) throw new Error(`the oracle has no import ${id}`);
        return f;
      },
      vmExport: (id: number, value: Function) => exports.set(id, value),
      __call: undefined as unknown,
    },
    // Promise jobs run when each evaluation ends, as Microvium drains its job
    // queue before a call returns to the host.
    { microtaskMode: 'afterEvaluate' },
  );
  // Microvium's own globals that plain JavaScript lacks.
  vm.runInContext('globalThis.Microvium = { newUint8Array: (n) => new Uint8Array(n) };', context);
  vm.runInContext(source, context, { filename: 'guest.js' });
  for (const step of steps) {
    if (step.kind !== 'call') continue;
    const fn = exports.get(step.exportId);
    const args = step.args.map((a) => copyIntoContext(a, context));
    let line: string;
    context.__call = () => {
      try {
        if (!fn) throw new Error(`no export ${step.exportId}`);
        line = `return ${encodeValue(fn(...args))}`;
      } catch (error) {
        line = `throw ${encodeValue(error)}`;
      }
    };
    vm.runInContext('__call()', context);
    transcript.push(line!);
  }
  return transcript;
}

/** Arrays and objects built inside the context, so `instanceof` and prototypes are the guest's. */
function copyIntoContext(x: PlainValue, context: vm.Context): unknown {
  return vm.runInContext(`(${toSource(x)})`, context);
}

function toSource(x: PlainValue): string {
  if (x === undefined) return 'undefined';
  if (typeof x === 'number') return Object.is(x, -0) ? '-0' : String(x);
  if (typeof x === 'string') return JSON.stringify(x);
  if (Array.isArray(x)) return `[${x.map(toSource).join(',')}]`;
  if (x && typeof x === 'object') {
    return `{${Object.entries(x).map(([k, v]) => `${JSON.stringify(k)}:${toSource(v)}`).join(',')}}`;
  }
  return String(x);
}
