import { describe, expect, it } from 'vitest';
import { TransportClosedError } from '../agent/errors.js';
import { LineQueue, type Transport } from '../agent/transport.js';
import { faultyAgentTransport } from './faulty-agent-transport.js';

/** An agent transport whose board echoes every line back, upper-cased. */
function echoBoard(): Transport {
  let queue = new LineQueue();
  let open = false;
  return {
    description: 'echo',
    async open() {
      if (!open) queue = new LineQueue();
      open = true;
    },
    async write(data) {
      if (!open) throw new TransportClosedError('closed');
      const text = Buffer.from(data).toString('latin1');
      queueMicrotask(() => queue.pushBytes(Buffer.from(text.toUpperCase(), 'latin1')));
    },
    lines: () => queue,
    async close() {
      open = false;
      queue.end();
    },
  };
}

async function next(t: Transport): Promise<string | undefined> {
  const r = await t.lines()[Symbol.asyncIterator]().next();
  return r.done ? undefined : r.value;
}

describe('fault-injecting agent transport', () => {
  it('passes lines through unchanged without faults', async () => {
    const t = faultyAgentTransport(echoBoard());
    await t.open();
    await t.write(Buffer.from('1 hello *0000\n'));
    expect(await next(t)).toBe('1 HELLO *0000');
    await t.close();
  });

  it('corrupts and drops bytes under the framing (a lost newline merges lines)', async () => {
    const t = faultyAgentTransport(echoBoard(), { drop: 1, direction: 'rx' });
    await t.open();
    await t.write(Buffer.from('a\n'));
    t.faults.configure({ corrupt: 1, direction: 'rx', seed: 5 });
    await t.write(Buffer.from('bb\n'));
    t.faults.configure({});
    await t.write(Buffer.from('c\n'));
    // 'A\n' was dropped whole; 'BB\n' had every byte flipped (its newline too), so it merged into 'C'.
    const line = await next(t);
    expect(line).not.toBe('BB');
    expect(line!.endsWith('C')).toBe(true);
    expect(t.faults.stats).toMatchObject({ dropped: 2, corrupted: 3 });
    await t.close();
  });

  it('a port that disappears: lines end, writes fail, and it can be reopened once back', async () => {
    const t = faultyAgentTransport(echoBoard());
    await t.open();
    const it1 = t.lines()[Symbol.asyncIterator]();
    const pending = it1.next();
    t.faults.disappear();
    expect(await pending).toEqual({ value: undefined, done: true });
    await expect(t.write(Buffer.from('x\n'))).rejects.toBeInstanceOf(TransportClosedError);
    await expect(t.open()).rejects.toThrow(/the port disappeared/);
    t.faults.reappear();
    await t.open();
    await t.write(Buffer.from('back\n'));
    expect(await next(t)).toBe('BACK');
    await t.close();
  });
});
