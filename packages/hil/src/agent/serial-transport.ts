/** A serial port (a real board's UART, or QEMU's pty) through node-serialport. */
import { ReadlineParser } from '@serialport/parser-readline';
import { SerialPort } from 'serialport';
import { TransportClosedError } from './errors.js';
import { LineQueue, type Transport } from './transport.js';

export interface SerialTransportOptions {
  path: string;
  baudRate?: number;
  /**
   * Keep DTR/RTS as they are when opening and closing (ESP32 boards reset or
   * enter the bootloader when they toggle). Default true.
   */
  keepControlLines?: boolean;
}

export function serialTransport(options: SerialTransportOptions): Transport {
  let port: SerialPort | undefined;
  let queue = new LineQueue();
  return {
    description: options.path,
    async open() {
      if (port?.isOpen) return;
      queue = new LineQueue();
      const p = new SerialPort({
        path: options.path,
        baudRate: options.baudRate ?? 115200,
        autoOpen: false,
        hupcl: !(options.keepControlLines ?? true),
      });
      const parser = p.pipe(new ReadlineParser({ delimiter: '\n', encoding: 'latin1', includeDelimiter: false }));
      parser.on('data', (line: string) => queue.push(line));
      p.on('close', () => queue.end());
      p.on('error', () => queue.end());
      await new Promise<void>((resolve, reject) => p.open((e) => (e ? reject(new TransportClosedError(`${options.path}: ${e.message}`)) : resolve())));
      port = p;
    },
    async write(data) {
      const p = port;
      if (!p?.isOpen) throw new TransportClosedError(`${options.path} is not open`);
      await new Promise<void>((resolve, reject) =>
        p.write(Buffer.from(data), (e) => (e ? reject(new TransportClosedError(e.message)) : p.drain(() => resolve()))),
      );
    },
    lines: () => queue,
    async close() {
      const p = port;
      port = undefined;
      if (!p?.isOpen) return;
      await new Promise<void>((resolve) => p.close(() => resolve()));
    },
  };
}
