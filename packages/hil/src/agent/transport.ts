/**
 * The line transport the agent client talks through. Implementations: a
 * serial port ({@link serialTransport}), the native agent's stdio
 * ({@link stdioTransport}), and QEMU's pty ({@link launchQemu}).
 */
import { TransportClosedError } from './errors.js';

export interface Transport {
  /** Short description for messages, e.g. `/dev/ttyACM0` or `qemu mps2-an385`. */
  readonly description: string;
  /** Opens the link (idempotent). */
  open(): Promise<void>;
  /** Sends bytes. Rejects with {@link TransportClosedError} once closed. */
  write(data: Uint8Array): Promise<void>;
  /**
   * Received lines without their `\n`, as binary strings (one char per
   * byte, latin1). Ends when the transport closes.
   */
  lines(): AsyncIterable<string>;
  /** Closes the link; pending reads end. */
  close(): Promise<void>;
}

/**
 * A queue of lines with an async iterator, fed by a transport's byte stream.
 * Only one consumer.
 */
export class LineQueue implements AsyncIterable<string> {
  private items: string[] = [];
  private waiter: ((r: IteratorResult<string>) => void) | undefined;
  private partial = '';
  private ended = false;

  /** Feeds received bytes; splits on `\n`. */
  pushBytes(chunk: Uint8Array): void {
    const text = this.partial + Buffer.from(chunk).toString('latin1');
    const parts = text.split('\n');
    this.partial = parts.pop()!;
    for (const p of parts) this.push(p);
  }

  push(line: string): void {
    if (this.ended) return;
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = undefined;
      w({ value: line, done: false });
    } else this.items.push(line);
  }

  end(): void {
    this.ended = true;
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = undefined;
      w({ value: undefined, done: true });
    }
  }

  [Symbol.asyncIterator](): AsyncIterator<string> {
    return {
      next: () => {
        if (this.items.length) return Promise.resolve({ value: this.items.shift()!, done: false });
        if (this.ended) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => (this.waiter = resolve));
      },
    };
  }
}

export { TransportClosedError };
