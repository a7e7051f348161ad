/**
 * The connector `hil run` uses to reach boards once they are built and
 * flashed: the firmware agent's client from src/agent. Physical boards get a
 * serial transport on their port; emulated boards are started by the QEMU
 * launcher with the image just built. Either way the target is
 * `boardTarget()`, wrapped so the orchestrator can resync it after a timeout
 * (a fresh HELLO handshake) and so every protocol line lands in the board log.
 *
 * This is the one place that wires src/agent into the harness.
 */
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { RunResult, Step } from '@mvtk/shared-suite';
import { boardTarget, launchQemu, qemuMachines, serialTransport, type BoardTarget, type QemuMachineName, type Transport } from '../agent/index.js';
import { isEmulatedKind, type BoardSpec } from '../resources/hardware-map.js';
import type { ResyncableTarget } from '../run/orchestrator.js';
import type { BoardConnector, ConnectedBoard } from './board-strategy.js';

/** The QEMU machine for an emulated board kind (`qemu-mps2-an385` → `mps2-an385`). */
export function qemuMachineFor(kind: string): (typeof qemuMachines)[QemuMachineName] {
  const name = kind.replace(/^qemu-/, '') as QemuMachineName;
  const m = qemuMachines[name];
  if (!m) throw new Error(`no QEMU machine for board kind ${kind} (known: ${Object.keys(qemuMachines).join(', ')})`);
  return m;
}

/** A ring of the last lines, for the HTML report. */
class Tail {
  private lines: string[] = [];
  constructor(private readonly max = 200) {}
  push(l: string) {
    this.lines.push(l);
    if (this.lines.length > this.max) this.lines.shift();
  }
  text() {
    return this.lines.join('\n');
  }
}

export interface AgentConnectorOptions {
  /** Client timeouts; the per-case timeout of the board bounds calls. */
  connectTimeoutMs?: number;
}

export function agentConnector(opts: AgentConnectorOptions = {}): BoardConnector {
  return {
    async connect(board: BoardSpec, ctx): Promise<ConnectedBoard> {
      mkdirSync(dirname(ctx.logFile), { recursive: true });
      const logStream = createWriteStream(ctx.logFile, { flags: 'a' });
      const tail = new Tail();
      const log = (line: string) => {
        const stamped = `${new Date().toISOString()} ${line}`;
        logStream.write(`${stamped}\n`);
        tail.push(stamped);
      };
      let transport: Transport;
      let stopEmulator: (() => Promise<void>) | undefined;
      let port = ctx.port;
      if (isEmulatedKind(board.kind)) {
        const qemu = await launchQemu({ machine: qemuMachineFor(board.kind), kernel: ctx.image.path });
        transport = qemu.transport;
        port = transport.description;
        stopEmulator = () => qemu.stop();
        log(`# started ${transport.description} with ${ctx.image.path}`);
      } else {
        if (!port) throw new Error(`${board.name}: no port`);
        transport = serialTransport({ path: port, baudRate: board.baud, keepControlLines: true });
        log(`# opening ${port} at ${board.baud} baud`);
      }
      const target: BoardTarget = boardTarget({
        name: board.name,
        transport,
        log,
        // Our orchestrator retries (with resync); one try per run here.
        retries: 0,
        connectTimeoutMs: opts.connectTimeoutMs ?? 15_000,
        callTimeoutMs: board.timeouts.case,
        commandTimeoutMs: Math.min(10_000, board.timeouts.case),
      });
      let inflight: Promise<unknown> | undefined;
      const wrapped: ResyncableTarget = {
        name: board.name,
        run(snapshot: Uint8Array, steps: readonly Step[]): Promise<RunResult> {
          const p = target.run(snapshot, steps);
          inflight = p.catch(() => undefined);
          return p;
        },
        async resync() {
          // Let a timed-out run end on its own timeouts first: one reader at a time.
          await inflight;
          log('# resync: HELLO handshake');
          await target.client.connect();
        },
        async close() {
          try {
            await target.close();
          } finally {
            logStream.end();
          }
        },
      };
      // Connect now, so a board that does not come up fails setup, not the first case.
      try {
        const banner = await target.client.connect();
        log(`# ready: ${JSON.stringify(banner)}`);
      } catch (error) {
        await target.close().catch(() => undefined);
        await stopEmulator?.();
        logStream.end();
        throw error;
      }
      return {
        target: wrapped,
        ...(port ? { port } : {}),
        ...(stopEmulator ? { stop: stopEmulator } : {}),
        logTail: async () => tail.text(),
      };
    },
  };
}

export function defaultConnector(): BoardConnector {
  return agentConnector();
}
