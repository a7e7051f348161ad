/**
 * Fault injection for the firmware agent's line {@link Transport}
 * (src/agent/transport.ts): the same faults as {@link FaultyTransport}
 * (dropped, duplicated, corrupted bytes; stalls; a port that disappears and
 * returns), applied to the bytes under the line framing, so a dropped `\n`
 * merges two lines exactly as on a real UART.
 */
import { LineQueue, type Transport } from '../agent/transport.js';
import { TransportClosedError } from '../agent/errors.js';
import { FaultyTransport, type FaultConfig } from './fault-transport.js';
import { Listeners, type ByteTransport } from './byte-transport.js';

/** The agent transport seen as a byte stream (for the fault injector). */
function asBytes(inner: Transport): ByteTransport & { start(): void } {
  const data = new Listeners<[Uint8Array]>();
  const closed = new Listeners<[Error | undefined]>();
  let open = false;
  let pumping = false;
  return {
    get isOpen() {
      return open;
    },
    start() {
      open = true;
      if (pumping) return;
      pumping = true;
      void (async () => {
        try {
          for await (const line of inner.lines()) data.emit(Buffer.from(`${line}\n`, 'latin1'));
          closed.emit(undefined);
        } catch (error) {
          closed.emit(error as Error);
        } finally {
          pumping = false;
          open = false;
        }
      })();
    },
    write: (bytes) => inner.write(bytes),
    onData: (l) => data.add(l),
    onClose: (l) => closed.add(l),
    close: async () => {
      open = false;
      await inner.close();
    },
  };
}

export interface FaultyAgentTransport extends Transport {
  readonly faults: FaultyTransport;
}

export function faultyAgentTransport(inner: Transport, config: FaultConfig = {}): FaultyAgentTransport {
  const bytes = asBytes(inner);
  const faults = new FaultyTransport(bytes, config);
  let queue = new LineQueue();
  let ended = false;
  faults.onData((chunk) => queue.pushBytes(chunk));
  faults.onClose(() => {
    ended = true;
    queue.end();
  });
  return {
    description: `${inner.description} (fault-injected)`,
    faults,
    async open() {
      if (!faults.present) throw new TransportClosedError(`${inner.description}: no such device (the port disappeared)`);
      await inner.open();
      if (!bytes.isOpen) bytes.start();
      if (ended) {
        // Reopened after the port went away: a fresh line stream.
        queue = new LineQueue();
        ended = false;
      }
    },
    async write(data) {
      try {
        await faults.write(data);
      } catch (error) {
        if (error instanceof TransportClosedError) throw error;
        throw new TransportClosedError((error as Error).message);
      }
    },
    lines: () => queue,
    close: () => faults.close(),
  };
}
