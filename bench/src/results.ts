/** The shape of bench/results/latest.json. */
import type { BoardRun } from './boards.js';
import type { MachineInfo } from './machine.js';
import type { BudgetCheck, SizeItem } from './sizes.js';
import type { BoundaryOp, MemoryResult, OpResult } from './tasks.js';

/** Every peer of the comparison, in table order. */
export const peerIds = ['wasm', 'wasm-s1t1', 'native', 'c-host', 'microvium', 'quickjs'] as const;
export type PeerKey = (typeof peerIds)[number];

export const peerLabels: Record<string, string> = {
  wasm: 'runtime-wasm',
  'wasm-s1t1': 'wasm, checks on',
  native: 'runtime-node-native',
  'c-host': 'plain C host',
  'c-host-s0t0': 'C host, checks off',
  microvium: 'microvium pkg',
  quickjs: 'QuickJS',
};

export const peerDescriptions: Record<string, string> = {
  wasm: '@mvtk/runtime-wasm as published (MVM_SAFE_MODE 0, MVM_DONT_TRUST_BYTECODE 0: the WASM sandbox confines the engine)',
  'wasm-s1t1':
    'runtime-wasm with the engine rebuilt with MVM_SAFE_MODE 1 and MVM_DONT_TRUST_BYTECODE 1 (the published @microvium/runtime\'s settings), same flags otherwise (bench/build/wasm-s1t1)',
  native: '@mvtk/runtime-node-native: the Node-API addon, a fixed-base 64 KiB region per VM, MVM_SAFE_MODE 1 and MVM_DONT_TRUST_BYTECODE 1',
  'c-host': 'bench/c/bench_host.c: the engine and port layer with the addon\'s target header and flags (gcc -O2, thread-local page base, checks on), called directly: the limit for the addon',
  'c-host-s0t0': 'the same C host with both checks off (the limit for the WASM build\'s settings)',
  microvium: "the microvium@8.0.0 package's own Node runtime (require('microvium').Microvium.restore): its own native build and settings",
  quickjs: 'quickjs-emscripten (QuickJS in WASM): the same guest source evaluated in a QuickJS context with vmExport/vmImport shims; one runtime + context per VM',
};

export interface CpuCell {
  ns?: number;
  runs?: number[];
  result?: number;
  error?: string;
}

export interface Results {
  meta: MachineInfo & {
    command: string;
    options: Record<string, unknown>;
    durationS?: number;
    sectionSeconds: Record<string, number>;
    notes: string[];
  };
  guests: { name: string; title: string; n: number; countN: number; snapshotBytes: number }[];
  /** Peers that could not run at all, with why. */
  unavailable: Record<string, string>;
  builds: {
    wasmVariants: Record<string, { size: number; sha256: string; path: string }>;
    /** Whether the bench's s0t0 build matches runtime-wasm's .wasm byte for byte. */
    wasmS0T0MatchesPackage?: boolean;
    cHost: Record<string, string>;
  };
  cpu?: {
    warmup: number;
    reps: number;
    rounds: number;
    cells: Record<string, Record<string, CpuCell>>;
    /** time / runtime-wasm's time, per peer and guest. */
    ratios: Record<string, Record<string, number | undefined>>;
    geomean: Record<string, number | undefined>;
  };
  boundary?: {
    peers: Record<string, Partial<Record<BoundaryOp, OpResult>>>;
    snapshotSizes: Record<string, number>;
  };
  memory?: Record<string, MemoryResult | { error: string }>;
  coldStart?: { runs: number; baselineMs: number; peers: Record<string, { ms?: number; error?: string }> };
  instructions?: {
    peers: Record<
      string,
      {
        counts?: Record<string, number>;
        /** Instructions per boundary operation (callInt, importRoundTrip, restoreSmall). */
        ops?: Record<string, number>;
        error?: string;
        seconds?: number;
        markCost?: number;
      }
    >;
    boards: BoardRun[];
    /** count / runtime-wasm's count. */
    ratios: Record<string, Record<string, number | undefined>>;
    geomean: Record<string, number | undefined>;
  };
  sizes?: { items: SizeItem[]; budgets: BudgetCheck[] };
  goals?: Goal[];
}

export interface Goal {
  issue: number;
  goal: string;
  value?: number;
  figure: string;
  met?: boolean;
  note?: string;
}
