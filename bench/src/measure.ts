/** Timing loops for in-process measurements. */
import { median, nowNs } from './stats.js';

export interface Timing {
  /** Median ns per operation over the timed batches. */
  ns: number;
  runs: number[];
  /** Operations per timed batch. */
  iterations?: number;
}

/**
 * ns per call of `op(i)`: a warm-up of at least `warmMs` (so V8 has compiled
 * and tiered up the code: the first calls of a WASM export run 10-100x
 * slower), then `batches` batches sized to about `batchMs` each; the median.
 */
export function timeOp(op: (i: number) => unknown, batchMs = 15, batches = 7, warmMs = 150): Timing {
  let done = 0;
  let chunk = 8;
  const w0 = nowNs();
  let spent = 0;
  while (spent < warmMs * 1e6 || done < 1000) {
    for (let i = 0; i < chunk; i++) op(done + i);
    done += chunk;
    spent = nowNs() - w0;
    if (chunk < 1 << 16) chunk *= 2;
  }
  let iterations = 16;
  for (;;) {
    const t0 = nowNs();
    for (let i = 0; i < iterations; i++) op(i);
    const dt = nowNs() - t0;
    if (dt >= 3e6 || iterations >= 1 << 24) {
      iterations = Math.max(1, Math.round((iterations * batchMs * 1e6) / Math.max(dt, 1)));
      break;
    }
    iterations *= 2;
  }
  const runs: number[] = [];
  for (let b = 0; b < batches; b++) {
    const t0 = nowNs();
    for (let i = 0; i < iterations; i++) op(i);
    runs.push((nowNs() - t0) / iterations);
  }
  return { ns: median(runs), runs, iterations };
}
