/** CRC-16/CCITT-FALSE over bytes[start, end). */
export function crc16(bytes: Uint8Array, start?: number, end?: number): number;
/** Sets bytecodeSize to the array's length (unless `size: false`) and recomputes the CRC. */
export function fixHeader(bytes: Uint8Array, options?: { size?: boolean }): Uint8Array;
/** A seeded PRNG returning floats in [0, 1). */
export function rng(seed: number): (() => number) & { int(n: number): number; pick<T>(xs: readonly T[]): T };
/** `count` deterministic mutants of the seed snapshots. */
export function mutants(seeds: readonly Uint8Array[], count: number, seed?: number): { name: string; bytes: Uint8Array }[];
