/**
 * `boardTarget`: the shared suite's {@link Target} on a board running the
 * agent (emulated or real), through any {@link Transport}. Infrastructure
 * trouble (no answer, link closed, a reset, corrupted lines) is retried once
 * with a fresh handshake, then reported as a TargetInfrastructureError;
 * transcripts that differ are the suite's business, never an error here.
 */
import { TargetInfrastructureError, type RunResult, type Step, type Target } from '@mvtk/shared-suite';
import { AgentClient, type AgentClientOptions } from './client.js';
import { AgentCommandError } from './errors.js';
import { launchQemu, qemuMachines, type QemuInstance, type QemuMachineName } from './qemu.js';
import { stdioTransport } from './stdio-transport.js';
import type { Transport } from './transport.js';

export interface BoardTargetOptions extends AgentClientOptions {
  /** Stable name for reports, e.g. `qemu-mps2-an385`, `nucleo-f446re#0671FF`. */
  name: string;
  transport: Transport;
  /** Runs after the transport is closed (e.g. stop an emulator). */
  onClose?: () => Promise<void>;
  /** Whole-run retries after an infrastructure failure. Default 1. */
  retries?: number;
}

export interface BoardTarget extends Target {
  readonly client: AgentClient;
  /** Cycle counts of the last run's steps (calls, gc, heap, snapshot). */
  readonly lastCycles: readonly number[];
}

export function boardTarget(options: BoardTargetOptions): BoardTarget {
  const client = new AgentClient(options.transport, options);
  let connected = false;
  let lastCycles: number[] = [];
  const infra = (error: unknown) =>
    error instanceof TargetInfrastructureError
      ? error
      : new TargetInfrastructureError(options.name, error instanceof Error ? `${error.name}: ${error.message}` : String(error), {
          cause: error,
        });
  return {
    name: options.name,
    client,
    get lastCycles() {
      return lastCycles;
    },
    async run(snapshot: Uint8Array, steps: readonly Step[]): Promise<RunResult> {
      const retries = options.retries ?? 1;
      for (let attempt = 0; ; attempt++) {
        try {
          if (!connected) {
            await client.connect();
            connected = true;
          }
          const { transcript, snapshots, cycles } = await client.run(snapshot, steps);
          lastCycles = cycles;
          return { transcript, snapshots };
        } catch (error) {
          connected = false;
          const tooLarge = error instanceof AgentCommandError && error.agentCode === 'E_TOO_LARGE';
          if (tooLarge || attempt >= retries) throw infra(error);
        }
      }
    },
    async close() {
      try {
        await client.close();
      } finally {
        await options.onClose?.();
      }
    },
  };
}

/** The native agent (firmware/agent/host) as a target. */
export function nativeAgentTarget(binary: string, options: Partial<BoardTargetOptions> = {}): BoardTarget {
  return boardTarget({ name: 'agent-native', transport: stdioTransport({ binary }), ...options });
}

/** An emulated board: launches QEMU, returns the target and the emulator. */
export async function qemuTarget(
  machine: QemuMachineName,
  options: Partial<BoardTargetOptions> & { kernel?: string; qemuArgs?: readonly string[] } = {},
): Promise<BoardTarget & { qemu: QemuInstance }> {
  const m = qemuMachines[machine];
  const qemu = await launchQemu({
    machine: m,
    ...(options.kernel ? { kernel: options.kernel } : {}),
    ...(options.qemuArgs ? { extraArgs: options.qemuArgs } : {}),
  });
  const target = boardTarget({
    name: m.board,
    transport: qemu.transport,
    ...options,
    onClose: async () => {
      await qemu.stop();
      await options.onClose?.();
    },
  });
  return Object.assign(target, { qemu });
}
