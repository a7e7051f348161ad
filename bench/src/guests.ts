/**
 * The benchmark guests: one set of sources in bench/guests/*.js, compiled to
 * Microvium snapshots with the toolkit's compiler (the port's settings) and
 * evaluated as they are by QuickJS. Every CPU guest exports `run(n)` as
 * export 1 and returns a number, so every peer's answer is checked against
 * the others'.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildDir, guestsDir } from './paths.js';

export interface CpuGuest {
  name: string;
  /** What it exercises (table heading). */
  title: string;
  /** Iterations for wall-clock runs: about 30-60 ms on runtime-wasm here. */
  n: number;
  /** Iterations for instruction counts (callgrind, emulated boards). */
  countN: number;
}

export const cpuGuests: CpuGuest[] = [
  { name: 'int-loop', title: 'integer loop', n: 150_000, countN: 15_000 },
  { name: 'float-loop', title: 'float loop', n: 100_000, countN: 10_000 },
  { name: 'fib', title: 'recursive calls (fib 12)', n: 400, countN: 40 },
  { name: 'strings', title: 'string building', n: 80_000, countN: 8_000 },
  { name: 'objects', title: 'object property churn', n: 40_000, countN: 4_000 },
  { name: 'arrays', title: 'array push/index', n: 800, countN: 80 },
  { name: 'closures', title: 'closures', n: 80_000, countN: 8_000 },
  { name: 'state-machine', title: 'business logic (state machine)', n: 20_000, countN: 2_000 },
  { name: 'gc-pressure', title: 'GC near the heap limit', n: 30_000, countN: 3_000 },
];

/** Snapshots restored in the restore benchmark (≈100 B, ≈3 kB, ≈20 kB). */
export const restoreGuests = ['restore-small', 'restore-medium', 'restore-large'] as const;
/** Calls, imports, proxies, createSnapshot. */
export const boundaryGuest = 'boundary';

export interface CompiledGuest {
  name: string;
  source: string;
  bytes: Uint8Array;
  /** The snapshot as a file (for the C host and child processes). */
  file: string;
}

export const snapshotDir = join(buildDir, 'guests');

export function guestSource(name: string): string {
  return readFileSync(join(guestsDir, `${name}.js`), 'utf8');
}

/** Compiles every guest (in the parent process) and writes build/guests/NAME.mvm-bc. */
export async function compileGuests(names: readonly string[]): Promise<Record<string, CompiledGuest>> {
  const { compileGuest } = await import('@mvtk/compiler');
  mkdirSync(snapshotDir, { recursive: true });
  const out: Record<string, CompiledGuest> = {};
  for (const name of names) {
    const source = guestSource(name);
    const { bytes } = compileGuest(source, { filename: `${name}.js` });
    const file = join(snapshotDir, `${name}.mvm-bc`);
    writeFileSync(file, bytes);
    out[name] = { name, source, bytes, file };
  }
  return out;
}

/** A guest compiled earlier by {@link compileGuests} (in a child process). */
export function loadGuest(name: string): CompiledGuest {
  const file = join(snapshotDir, `${name}.mvm-bc`);
  if (!existsSync(file)) throw new Error(`${file} is missing: the parent compiles guests first`);
  return { name, source: guestSource(name), bytes: new Uint8Array(readFileSync(file)), file };
}
