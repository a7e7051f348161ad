// The agent protocol end to end against the native agent (the same C agent
// as on the boards, on stdio): the board conformance suite (shared-suite
// transcripts, gas, a corrupted chunk) and the fault paths only a host
// process can stage.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildNativeAgent } from './native-agent.js';
import { boardTarget, nativeAgentTarget, type BoardTarget } from './board-target.js';
import { describeBoard } from './board-conformance.js';
import { stdioTransport } from './stdio-transport.js';
import { bigGuest, faultyTransport, loopGuest } from './testing.js';
import { frameCommand } from './protocol.js';

let binary: string;
beforeAll(() => {
  binary = buildNativeAgent();
});

describeBoard('native agent', async () => nativeAgentTarget(binary), { stride: 1, boardKind: 'native', faults: true });

describe('native agent, more', () => {
  let target: BoardTarget;
  beforeAll(() => {
    target = boardTarget({ name: 'agent-native', transport: stdioTransport({ binary }) });
  });
  afterAll(() => target.close());

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
        data[40]! ^= 0xff;
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
