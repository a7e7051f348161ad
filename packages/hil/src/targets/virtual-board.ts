/**
 * The virtual board: a host runtime served as a board speaking the firmware
 * agent protocol ({@link VirtualAgentBoard}), reached through the agent's own
 * client (`boardTarget()` from src/agent) over an in-memory link with a
 * {@link FaultyTransport} in between. It runs the suite in milliseconds, and
 * the failure paths a lab sees (lost and corrupted bytes, a board reset
 * mid-case, a silent board, a port that disappears and returns) run in unit
 * tests, deterministically, against the real client.
 */
import type { Target, TargetFactory } from '@mvtk/shared-suite';
import { boardTarget, type AgentClientOptions } from '../agent/index.js';
import type { TargetProvider } from '../run/orchestrator.js';
import { agentTarget, type AgentTarget, type AgentTargetOptions } from '../strategies/agent-target.js';
import { agentTransportOver, createLinkPair } from '../transports/byte-transport.js';
import { FaultyTransport, type FaultConfig } from '../transports/fault-transport.js';
import { VirtualAgentBoard, type AgentBoardOptions } from './agent-board.js';

export interface VirtualBoardRig {
  /** The host-side target (the agent client), what the orchestrator runs. */
  target: AgentTarget;
  board: VirtualAgentBoard;
  /** The host end of the link, with fault injection. */
  faults: FaultyTransport;
  /** Every protocol line the client sent and received. */
  log: string[];
  close(): Promise<void>;
}

export interface VirtualBoardOptions {
  name?: string;
  faults?: FaultConfig;
  board?: AgentBoardOptions;
  client?: AgentClientOptions;
  resync?: AgentTargetOptions;
}

/** An engine target served as a virtual board behind a fault-injecting link. */
export function createVirtualBoard(engine: Target, opts: VirtualBoardOptions = {}): VirtualBoardRig {
  const name = opts.name ?? `virtual-${engine.name}`;
  const [hostEnd, boardEnd] = createLinkPair();
  const board = new VirtualAgentBoard(engine, boardEnd, { board: name, ...opts.board });
  const faults = new FaultyTransport(hostEnd, { ...opts.faults, onReset: opts.faults?.onReset ?? (() => board.reset()) });
  const log: string[] = [];
  const client = boardTarget({
    name,
    transport: agentTransportOver(faults, `virtual link to ${name}`),
    retries: 0,
    connectTimeoutMs: 2_000,
    commandTimeoutMs: 1_000,
    callTimeoutMs: 5_000,
    log: (l) => log.push(l),
    ...opts.client,
  });
  const target = agentTarget(client, { resyncTimeoutMs: 5_000, resyncIntervalMs: 100, log: (l) => log.push(l), ...opts.resync });
  board.boot();
  return {
    target,
    board,
    faults,
    log,
    async close() {
      const errors: unknown[] = [];
      await target.close().catch((e) => errors.push(e));
      await board.close().catch((e) => errors.push(e));
      if (errors.length) throw new AggregateError(errors, 'virtual board teardown failed');
    },
  };
}

/** `virtual-<host>` targets: each host runtime served as a virtual board. */
export function virtualBoardProviders(hosts: readonly TargetFactory[]): TargetProvider[] {
  return hosts.map((f) => ({
    name: `virtual-${f.name}`,
    kind: 'virtual' as const,
    async prepare() {
      const why = await f.unavailable();
      if (why) throw new Error(`its engine ${f.name} is unavailable: ${why}`);
      const rig = createVirtualBoard(await f.create(), { name: `virtual-${f.name}` });
      await rig.target.resync(); // the handshake: a board that does not come up fails setup
      return {
        target: rig.target,
        report: { properties: { 'virtual.engine': f.name, 'virtual.protocol': 'firmware/PROTOCOL.md' } },
        logTail: async () => rig.log.slice(-200).join('\n'),
        // target.close() runs first (orchestrator); then the board and its engine.
        teardown: () => rig.board.close(),
      };
    },
  }));
}
