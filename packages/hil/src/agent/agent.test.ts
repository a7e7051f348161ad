// The agent protocol end to end against the native agent (the same C agent
// as on the boards, on stdio): shared-suite transcripts and the fault paths.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildNativeAgent } from './native-agent.js';
import { boardTarget, type BoardTarget } from './board-target.js';
import { stdioTransport } from './stdio-transport.js';
import { bigGuest, faultyTransport, loopGuest, snapshotOf, suiteCases } from './testing.js';
import { frameCommand } from './protocol.js';

let binary: string;
beforeAll(() => {
  binary = buildNativeAgent();
});

describe('native agent', () => {
  let target: BoardTarget;
  beforeAll(() => {
    target = boardTarget({ name: 'agent-native', transport: stdioTransport({ binary }) });
  });
  afterAll(() => target.close());

  const cases = suiteCases();
  it.each(cases.map((c) => [c.id, c] as const))('%s matches its expected transcript', async (_id, c) => {
    const result = await target.run(snapshotOf(c), c.steps);
    expect(result.transcript).toEqual(c.expected);
  });

  it('announces itself', async () => {
    await target.run(loopGuest(), []);
    const b = target.client.banner!;
    expect(b).toMatchObject({ protocol: 1, board: 'native', float: true, pageSize: 65536 });
  });

  it('stops an infinite loop with the gas counter and goes on', async () => {
    const r = await target.run(loopGuest(), [
      { kind: 'gas', limit: 100000 },
      { kind: 'call', exportId: 0, args: [] },
      { kind: 'call', exportId: 1, args: [] },
    ]);
    expect(r.transcript).toEqual(['error MVM_E_INSTRUCTION_COUNT_REACHED', 'return 42']);
  });

  it('stops an infinite loop with the default limit set from the host', async () => {
    const t = boardTarget({ name: 'limited', transport: stdioTransport({ binary }), defaultGas: 50000 });
    try {
      const r = await t.run(loopGuest(), [{ kind: 'call', exportId: 0, args: [] }]);
      expect(r.transcript).toEqual(['error MVM_E_INSTRUCTION_COUNT_REACHED']);
    } finally {
      await t.close();
    }
  });

  it('returns snapshot bytes that match the snapshot line', async () => {
    const r = await target.run(bigGuest(), [{ kind: 'snapshot' }, { kind: 'call', exportId: 7, args: [] }]);
    expect(r.snapshots).toHaveLength(1);
    expect(r.transcript[0]).toBe(`snapshot ${r.snapshots[0]!.length} ${r.transcript[0]!.split(' ')[2]}`);
    expect(r.transcript[1]).toBe('return "value number 7 21"');
  });
});

describe('faults', () => {
  it('rejects a chunk corrupted on the line and takes it again', async () => {
    let corrupted = 0;
    const transport = faultyTransport(stdioTransport({ binary }), (_n, line) => {
      if (corrupted < 2 && / CHUNK 512 /.test(line.toString('latin1'))) {
        corrupted++;
        const copy = Buffer.from(line);
        copy[copy.length - 20] ^= 0x04; // a payload byte: the line CRC fails
        return copy;
      }
      return line;
    });
    const t = boardTarget({ name: 'faulty', transport });
    try {
      const r = await t.run(bigGuest(), [{ kind: 'call', exportId: 3, args: [] }]);
      expect(r.transcript).toEqual(['return "value number 3 9"']);
      expect(t.client.counters.naks).toBe(2);
      expect(t.client.counters.resends).toBe(2);
    } finally {
      await t.close();
    }
  });

  it('rejects an image whose whole-snapshot CRC fails and uploads it again', async () => {
    let done = false;
    const transport = faultyTransport(stdioTransport({ binary }), (_n, line) => {
      const text = line.toString('latin1');
      const m = /^(\d+) CHUNK 0 (\S+) \*[0-9a-f]{4}\n$/.exec(text);
      if (!done && m) {
        done = true;
        // Change one data byte and frame the line again: it passes the line
        // CRC, so only the image CRC can catch it.
        const data = Buffer.from(m[2]!, 'base64');
        data[40] ^= 0xff;
        return frameCommand(Number(m[1]), 'CHUNK', `0 ${data.toString('base64')}`);
      }
      return line;
    });
    const t = boardTarget({ name: 'faulty-image', transport });
    try {
      const r = await t.run(bigGuest(), [{ kind: 'call', exportId: 5, args: [] }]);
      expect(r.transcript).toEqual(['return "value number 5 15"']);
      expect(t.client.counters.uploadRestarts).toBe(1);
    } finally {
      await t.close();
    }
  });

  it('resynchronises after line noise', async () => {
    const transport = stdioTransport({ binary });
    const t = boardTarget({ name: 'noise', transport });
    try {
      await t.run(loopGuest(), []);
      await transport.write(Buffer.from('\x00\xffgarbage without a line end'));
      const r = await t.run(loopGuest(), [{ kind: 'call', exportId: 1, args: [] }]);
      expect(r.transcript).toEqual(['return 42']);
    } finally {
      await t.close();
    }
  });
});
