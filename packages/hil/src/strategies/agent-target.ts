/**
 * The firmware agent's `boardTarget()` as the orchestrator wants it: one try
 * per run (the orchestrator retries), and a `resync()` that waits for a
 * timed-out run to end on its own timeouts (one reader at a time), then
 * reopens the link and repeats the HELLO handshake until the board answers
 * or the resync budget is spent (a native-USB board re-enumerates, a port
 * comes back).
 */
import type { RunResult, Step } from '@mvtk/shared-suite';
import type { BoardTarget } from '../agent/index.js';
import type { ResyncableTarget } from '../run/orchestrator.js';

export interface AgentTargetOptions {
  /** How long resync keeps trying (default 15 s). */
  resyncTimeoutMs?: number;
  /** Pause between handshake attempts (default 250 ms). */
  resyncIntervalMs?: number;
  log?: (line: string) => void;
  onClose?: () => Promise<void>;
}

export interface AgentTarget extends ResyncableTarget {
  resync(): Promise<void>;
  readonly board: BoardTarget;
}

export function agentTarget(board: BoardTarget, opts: AgentTargetOptions = {}): AgentTarget {
  let inflight: Promise<unknown> | undefined;
  return {
    name: board.name,
    board,
    run(snapshot: Uint8Array, steps: readonly Step[]): Promise<RunResult> {
      const p = board.run(snapshot, steps);
      inflight = p.catch(() => undefined);
      return p;
    },
    async resync() {
      await inflight;
      const deadline = Date.now() + (opts.resyncTimeoutMs ?? 15_000);
      for (let attempt = 1; ; attempt++) {
        try {
          opts.log?.(`# resync ${attempt}: HELLO handshake`);
          await board.client.connect();
          return;
        } catch (error) {
          opts.log?.(`# resync ${attempt} failed: ${(error as Error).message.split('\n')[0]}`);
          if (Date.now() >= deadline) throw error;
          await new Promise((r) => setTimeout(r, opts.resyncIntervalMs ?? 250));
        }
      }
    },
    async close() {
      try {
        await board.close();
      } finally {
        await opts.onClose?.();
      }
    },
  };
}
