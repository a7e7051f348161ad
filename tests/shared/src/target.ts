/**
 * A target runs guest scenarios and reports transcripts. Runtimes (WASM in
 * Node or Chromium, the native addon) and boards (the firmware agent over a
 * serial line, emulated or real) all implement this one interface.
 */
import type { Step } from './format.js';

export interface RunResult {
  /** Transcript lines (FORMAT.md). */
  transcript: string[];
  /** The bytes of each snapshot the scenario captured, in order. */
  snapshots: Uint8Array[];
}

export interface Target {
  /** Short stable name used in reports, e.g. `wasm-node`, `native`, `qemu-mps2-an385`. */
  readonly name: string;
  /** Runs `steps` on a fresh VM restored from `snapshot`. */
  run(snapshot: Uint8Array, steps: readonly Step[]): Promise<RunResult>;
  /** Releases the target (closes ports, stops emulators). */
  close(): Promise<void>;
}

/**
 * An infrastructure failure (a board that does not answer, a transport
 * error), as opposed to a target behaving differently, which is a test
 * failure. Runners report the two separately.
 */
export class TargetInfrastructureError extends Error {
  override name = 'TargetInfrastructureError';
  readonly code = 'MVTK_TARGET_INFRASTRUCTURE';
  constructor(
    readonly target: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${target}: ${message}`, options);
  }
}
