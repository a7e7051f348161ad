/**
 * The board strategy (labgrid's Strategy): takes a board from "in the map" to
 * "a ready {@link Target}", in order:
 *
 *   lock → build firmware → (physical) resolve port, flash unless the same
 *   image is already there → connect (the firmware agent's client, or the
 *   QEMU launcher for emulated boards) → wait for ready
 *
 * and tears down in reverse (disconnect/stop QEMU, release the lock),
 * reporting every teardown error. The agent-side pieces (transports, QEMU
 * launcher, the protocol client and `boardTarget()`) come through a
 * {@link BoardConnector}; src/agent provides the real one.
 */
import type { BoardSpec } from '../resources/hardware-map.js';
import { isEmulatedKind } from '../resources/hardware-map.js';
import { resolvePort, type ListPorts } from '../resources/ports.js';
import { acquireBoardLock, type BoardLock } from '../flash/board-lock.js';
import type { FirmwareImage, PlatformIO } from '../flash/platformio.js';
import type { PreparedTarget, ResyncableTarget, TargetProvider } from '../run/orchestrator.js';

export interface ConnectContext {
  /** Device path for physical boards; undefined for emulated ones. */
  port: string | undefined;
  image: FirmwareImage;
  /** Where the board's transport log (bytes both ways, QEMU output) should go. */
  logFile: string;
  signal: AbortSignal;
}

export interface ConnectedBoard {
  target: ResyncableTarget;
  /** For emulated boards, the pty QEMU gave. */
  port?: string;
  /** Stops what `connect` started beyond the target (e.g. QEMU), after `target.close()`. */
  stop?(): Promise<void>;
  logTail?(): Promise<string | undefined>;
}

export interface BoardConnector {
  connect(board: BoardSpec, ctx: ConnectContext): Promise<ConnectedBoard>;
}

export interface BoardStrategyOptions {
  pio: PlatformIO;
  connector: BoardConnector;
  lockDir: string;
  logDir: string;
  runId: string;
  /** How long to wait for a board another run holds. */
  lockWaitMs?: number;
  forceFlash?: boolean;
  listPorts?: ListPorts;
  /** Firmware commit recorded in reports. */
  firmwareCommit?: string;
  /** Build once per (project, environment) and share between boards of the same kind. */
  buildCache?: Map<string, Promise<FirmwareImage>>;
}

export function boardProvider(board: BoardSpec, opts: BoardStrategyOptions): TargetProvider {
  return {
    name: board.name,
    kind: 'board',
    boardKind: board.kind,
    caseTimeoutMs: board.timeouts.case,
    async prepare(signal): Promise<PreparedTarget> {
      const undo: Array<() => Promise<void>> = [];
      const teardown = async () => {
        const errors: unknown[] = [];
        for (const step of undo.reverse()) await step().catch((e) => errors.push(e));
        if (errors.length === 1) throw errors[0];
        if (errors.length) throw new AggregateError(errors, `${board.name}: ${errors.length} teardown steps failed`);
      };
      try {
        const lock: BoardLock = await acquireBoardLock(board.name, { dir: opts.lockDir, run: opts.runId, waitMs: opts.lockWaitMs ?? 0 });
        undo.push(() => lock.release());

        const key = `${opts.pio.projectDir(board)}\u0000${board.pio.environment}`;
        let build = opts.buildCache?.get(key);
        if (!build) {
          build = opts.pio.build(board);
          opts.buildCache?.set(key, build);
        }
        const image = await build;
        const firmware = { ...image, ...(opts.firmwareCommit ? { commit: opts.firmwareCommit } : {}) };
        delete (firmware as { buildLog?: string }).buildLog;

        let port: string | undefined;
        let flash: { skipped: boolean; durationMs: number; logFile?: string } | undefined;
        if (!isEmulatedKind(board.kind)) {
          port = await resolvePort(board, opts.listPorts);
          // The port is not open yet: nothing to pause while PlatformIO uploads.
          const r = await opts.pio.upload(board, image, port, opts.forceFlash);
          flash = { skipped: r.skipped, durationMs: r.durationMs, ...(r.logFile ? { logFile: r.logFile } : {}) };
        }
        if (signal.aborted) throw new Error('interrupted during setup');
        const logFile = `${opts.logDir}/${board.name}.log`;
        const conn = await opts.connector.connect(board, { port, image, logFile, signal });
        if (conn.stop) undo.push(() => conn.stop!());
        return {
          target: conn.target,
          report: {
            ...(conn.port ?? port ? { port: conn.port ?? port } : {}),
            firmware,
            ...(flash ? { flash } : {}),
            logFile,
            properties: {
              'board.name': board.name,
              'board.kind': board.kind,
              'board.pio.environment': board.pio.environment,
              'board.tags': board.tags.join(','),
              ...(lock.tookOverStale ? { 'board.lock.stale-taken-over': `pid ${lock.tookOverStale.pid}` } : {}),
            },
          },
          ...(conn.logTail ? { logTail: conn.logTail } : {}),
          teardown,
        };
      } catch (error) {
        // Setup failed half-way: undo what was done, keep the setup error first.
        await teardown().catch((e) => {
          throw new AggregateError([error, e], `${board.name}: setup failed, and so did its teardown`);
        });
        throw error;
      }
    },
  };
}

/** Used until src/agent provides the firmware agent client. */
export const unavailableConnector: BoardConnector = {
  async connect(board) {
    throw new Error(`${board.name}: no firmware agent client is available (packages/hil/src/agent provides boardTarget())`);
  },
};
