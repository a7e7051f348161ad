// Types of src/fuzz-core.mjs for the TypeScript tests.
export declare const HEADER_BYTES: number;
export declare function crc16(bytes: Uint8Array, start?: number, end?: number): number;
export declare function fixHeader(bytes: Uint8Array, options?: { size?: boolean }): Uint8Array;
export declare function rng(seed: number): (() => number) & { int(n: number): number; pick<T>(xs: readonly T[]): T };
export declare const extraSeedSources: string[];
export declare function writeCorpus(file: string, seeds: readonly Uint8Array[]): void;
export declare function readCorpus(file: string): Uint8Array[];
export declare function buildSeeds(): Promise<Uint8Array[]>;
export declare function caseSeed(seed: number, index: number): number;
export declare function mutantFor(seeds: readonly Uint8Array[], seed: number, index: number): { bytes: Uint8Array; kinds: string[]; base: number };
export declare function argShapes(exportsOf: Record<number, unknown>): unknown[][];
export declare function classify(MicroviumError: new (...args: any[]) => Error, e: unknown): { kind: 'typed' | 'guest' | 'untyped'; key: string };
export declare const SENTINEL_SOURCE: string;
export declare const SENTINEL_EXPECTED: string;
export declare function sentinelCheck(Microvium: { restoreSync(b: Uint8Array, imports?: object): any }, bytes: Uint8Array): string | undefined;
export interface RuntimeModule {
  Microvium: { restoreSync(b: Uint8Array, imports?: object, options?: object): any; ready(): Promise<void> };
  MicroviumError: new (...args: any[]) => Error;
}
export declare function runCase(
  rt: RuntimeModule,
  bytes: Uint8Array,
  options?: { gas?: number; snapshotRestore?: boolean; counts?: Record<string, number>; onUnhandled?: (e: unknown) => void },
): { untyped: { where: string; error: string; stack?: string }[]; fatal: boolean; restored: boolean };
