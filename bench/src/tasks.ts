/** What the parent asks a worker process to measure, and what comes back. */
import type { InProcessPeerId } from './peers.js';

/**
 * CPU-bound guests on several peers in one process, interleaved run by run
 * (rep → guest → peer, the peer order rotating), so a burst of load on a
 * shared machine hits every peer alike. `c-host` runs the plain C host binary
 * (one process per run; it times the call itself).
 */
export interface CpuTask {
  kind: 'cpu';
  peers: (InProcessPeerId | 'c-host')[];
  guests: { name: string; n: number }[];
  warmup: number;
  reps: number;
  cHost?: string;
}
/** By peer, then guest. */
export interface CpuResult {
  [peer: string]: { [guest: string]: { result?: number; runs: number[]; error?: string } };
}

export interface BoundaryTask {
  kind: 'boundary';
  peer: InProcessPeerId;
  batchMs: number;
  batches: number;
}
/** ns per operation (median of the batches' ns per operation), or why it was not measured. */
export type OpResult = { ns: number; iterations: number; runs?: number[] } | { unsupported: string } | { error: string };
export type BoundaryOp =
  | 'callInt'
  | 'callString'
  | 'callObject'
  | 'importRoundTrip'
  | 'importWithHeldObjects'
  | 'proxyGet'
  | 'proxySet'
  | 'createSnapshot'
  | 'restoreSmall'
  | 'restoreMedium'
  | 'restoreLarge';
export type BoundaryResult = Record<BoundaryOp, OpResult> & { snapshotSizes: Record<string, number> };

export interface MemoryTask {
  kind: 'memory';
  peer: InProcessPeerId;
  count: number;
}
export interface MemoryResult {
  count: number;
  /** VMs actually created (less than count if creation failed). */
  created: number;
  error?: string;
  createMs: number;
  rssBefore: number;
  rssAfter: number;
  /** (rssAfter - rssBefore) / created, bytes. */
  rssPerVm: number;
  /** Engine memory of one VM (WASM memory, the native region, QuickJS's malloc), bytes. */
  enginePerVm: number;
  /** Extra facts per peer (e.g. the addon's live regions). */
  notes: string[];
}

/**
 * For callgrind: each item between two marks (process.memoryUsage.rss()):
 * a guest run (`run`: export 1 with n), or n boundary operations.
 */
export interface MarkItem {
  kind: 'run' | 'callInt' | 'importRoundTrip' | 'restoreSmall';
  /** The guest (for `run`) or a label. */
  name: string;
  n: number;
  /** Measured this many times in a row, each between its own two marks (default 1). */
  repeat?: number;
}
export interface MarksTask {
  kind: 'marks';
  peer: InProcessPeerId;
  items: MarkItem[];
}

export type Task = (CpuTask | BoundaryTask | MemoryTask | MarksTask) & {
  /** The s1t1 engine build for the `wasm-s1t1` peer. */
  wasmSafeFile?: string;
};
