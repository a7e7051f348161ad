/** The native agent (firmware/agent/host) as a child process on stdio. */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { TransportClosedError } from './errors.js';
import { LineQueue, type Transport } from './transport.js';

export interface StdioTransportOptions {
  /** The native agent binary (see buildNativeAgent). */
  binary: string;
  args?: string[];
}

export function stdioTransport(options: StdioTransportOptions): Transport {
  let child: ChildProcessWithoutNullStreams | undefined;
  let queue = new LineQueue();
  let stderr = '';
  return {
    description: `native agent ${options.binary}`,
    async open() {
      if (child) return;
      queue = new LineQueue();
      const c = spawn(options.binary, options.args ?? [], { stdio: ['pipe', 'pipe', 'pipe'] });
      child = c;
      c.stdout.on('data', (d: Buffer) => queue.pushBytes(d));
      c.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      c.on('close', () => {
        queue.end();
        if (child === c) child = undefined;
      });
      c.stdin.on('error', () => {});
      await new Promise<void>((resolve, reject) => {
        c.once('spawn', resolve);
        c.once('error', reject);
      });
    },
    async write(data) {
      const c = child;
      if (!c || c.exitCode !== null) throw new TransportClosedError(`native agent is not running${stderr ? `: ${stderr}` : ''}`);
      await new Promise<void>((resolve, reject) => c.stdin.write(data, (e) => (e ? reject(new TransportClosedError(e.message)) : resolve())));
    },
    lines: () => queue,
    async close() {
      const c = child;
      child = undefined;
      if (!c) return;
      c.stdin.end();
      const exited = new Promise<void>((resolve) => c.once('close', () => resolve()));
      const timer = setTimeout(() => c.kill('SIGKILL'), 2000);
      await exited;
      clearTimeout(timer);
    },
  };
}
