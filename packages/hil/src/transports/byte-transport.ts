/**
 * The byte-stream contract the harness's own transports implement (the
 * in-memory link of the virtual board, the fault injector). Promise-based,
 * with node-serialport's error contract: when the link goes away, pending and
 * later writes reject with a {@link TransportDisconnectedError} and close
 * listeners are told.
 */
import { TransportClosedError } from '../agent/errors.js';
import { LineQueue, type Transport } from '../agent/transport.js';
export interface ByteTransport {
  write(data: Uint8Array): Promise<void>;
  /** Adds a data listener; returns a function that removes it. */
  onData(listener: (chunk: Uint8Array) => void): () => void;
  /** Adds a listener for the link going away (error) or being closed (undefined). */
  onClose(listener: (error?: Error) => void): () => void;
  readonly isOpen: boolean;
  close(): Promise<void>;
}

export class TransportDisconnectedError extends Error {
  override name = 'TransportDisconnectedError';
  readonly code = 'MVTK_HIL_DISCONNECTED';
  readonly disconnected = true;
}

/** A small event hub for transports. */
export class Listeners<T extends unknown[]> {
  private set = new Set<(...args: T) => void>();
  add(l: (...args: T) => void): () => void {
    this.set.add(l);
    return () => this.set.delete(l);
  }
  emit(...args: T): void {
    for (const l of [...this.set]) l(...args);
  }
  clear(): void {
    this.set.clear();
  }
}

/** One end of an in-memory link. */
class PipeEnd implements ByteTransport {
  peer!: PipeEnd;
  private data = new Listeners<[Uint8Array]>();
  private closed = new Listeners<[Error | undefined]>();
  isOpen = true;

  async write(data: Uint8Array): Promise<void> {
    if (!this.isOpen || !this.peer.isOpen) throw new TransportDisconnectedError('the link is closed');
    const copy = Uint8Array.from(data);
    // Delivered as a microtask: asynchronous like a port, and fake-timer friendly.
    queueMicrotask(() => this.peer.isOpen && this.peer.data.emit(copy));
  }
  onData(l: (chunk: Uint8Array) => void) {
    return this.data.add(l);
  }
  onClose(l: (error?: Error) => void) {
    return this.closed.add(l);
  }
  /** Ends this end; the peer sees a disconnect. */
  async close(): Promise<void> {
    if (!this.isOpen) return;
    this.isOpen = false;
    this.closed.emit(undefined);
    if (this.peer.isOpen) this.peer.drop(new TransportDisconnectedError('the other end closed the link'));
  }
  drop(error: Error): void {
    if (!this.isOpen) return;
    this.isOpen = false;
    this.closed.emit(error);
  }
}

/** Two connected in-memory transports (host end, board end). */
export function createLinkPair(): [ByteTransport, ByteTransport] {
  const a = new PipeEnd();
  const b = new PipeEnd();
  a.peer = b;
  b.peer = a;
  return [a, b];
}

// ---- the agent's line transport over a byte transport ------------------------------

/** The firmware agent's {@link Transport} over a {@link ByteTransport} (e.g. an in-memory link). */
export function agentTransportOver(bytes: ByteTransport, description = 'in-memory link'): Transport {
  let queue = new LineQueue();
  let attached: Array<() => void> = [];
  let ended = false;
  const attach = () => {
    attached.forEach((o) => o());
    queue = new LineQueue();
    ended = false;
    const q = queue;
    attached = [
      bytes.onData((c) => q.pushBytes(c)),
      bytes.onClose(() => {
        ended = true;
        q.end();
      }),
    ];
  };
  return {
    description,
    async open() {
      if (!bytes.isOpen) throw new TransportClosedError(`${description} is closed`);
      if (!attached.length || ended) attach(); // first open, or reopened after the link went away
    },
    async write(data) {
      try {
        await bytes.write(data);
      } catch (error) {
        throw new TransportClosedError((error as Error).message);
      }
    },
    lines: () => queue,
    async close() {
      attached.forEach((o) => o());
      attached = [];
      queue.end();
      await bytes.close();
    },
  };
}
