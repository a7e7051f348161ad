/**
 * The fuzzer's own machinery: the mutator is deterministic (a case number
 * regenerates its bytes, which is how crashing inputs are saved), the CRC
 * fix-up makes mutations reach the engine, and the classifier tells typed
 * errors, guest values and anything else apart.
 */
import { describe, expect, it } from 'vitest';
import { Microvium, MicroviumError } from '@mvtk/runtime-wasm';
import { buildSeeds, classify, crc16, fixHeader, mutantFor } from '../src/fuzz-core.mjs';

const seeds = await buildSeeds();

describe('fuzz corpus and mutator', () => {
  it('has the shared suite, the fuzz seeds and post-run captures as seeds, all valid', async () => {
    expect(seeds.length).toBeGreaterThan(300);
    await Microvium.ready();
    let restored = 0;
    for (const s of seeds) {
      const view = new DataView(s.buffer, s.byteOffset, s.byteLength);
      expect(view.getUint16(4, true)).toBe(s.length);
      expect(view.getUint16(6, true)).toBe(crc16(s, 8, s.length));
      try {
        Microvium.restoreSync(s, { 1: () => undefined, 2: (x: unknown) => x, 3: (x: unknown) => x }).dispose();
        restored++;
      } catch (e) {
        expect(e).toBeInstanceOf(MicroviumError); // e.g. a missing import id of a case
      }
    }
    expect(restored).toBeGreaterThan(seeds.length * 0.9);
  });

  it('regenerates case i of seed s byte for byte, and different cases differ', () => {
    for (const i of [0, 1, 871, 99_999, 1_234_567]) {
      const a = mutantFor(seeds, 7, i);
      const b = mutantFor(seeds, 7, i);
      expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
      expect(a.kinds).toEqual(b.kinds);
    }
    const distinct = new Set(Array.from({ length: 200 }, (_, i) => Buffer.from(mutantFor(seeds, 7, i).bytes).toString('base64')));
    expect(distinct.size).toBeGreaterThan(190);
  });

  it('fixes up bytecodeSize and the CRC so that most mutants get past the CRC check', () => {
    let fixed = 0;
    const kinds = new Map<string, number>();
    for (let i = 0; i < 2000; i++) {
      const m = mutantFor(seeds, 3, i);
      for (const k of m.kinds) kinds.set(k, (kinds.get(k) ?? 0) + 1);
      if (m.bytes.length < 8) continue;
      const view = new DataView(m.bytes.buffer, m.bytes.byteOffset, m.bytes.byteLength);
      const end = Math.min(m.bytes.length, view.getUint16(4, true));
      if (view.getUint16(6, true) === crc16(m.bytes, 8, Math.max(8, end))) fixed++;
    }
    expect(fixed / 2000).toBeGreaterThan(0.9);
    for (const k of ['flip', 'byte', 'word', 'nudge', 'truncate', 'extend', 'splice', 'graft', 'insert', 'delete', 'header', 'section', 'dup', 'staleflip']) {
      expect(kinds.get(k), k).toBeGreaterThan(0);
    }
    // fixHeader itself
    const b = Uint8Array.from(seeds[0]!);
    b[40] = b[40]! ^ 0xff;
    fixHeader(b, { size: false });
    expect(new DataView(b.buffer).getUint16(6, true)).toBe(crc16(b, 8, b.length));
  });

  it('classifies typed errors, guest values and anything else', () => {
    expect(classify(MicroviumError, new MicroviumError(12))).toEqual({ kind: 'typed', key: 'MVM_E_TYPE_ERROR' });
    expect(classify(MicroviumError, new MicroviumError(4, 'x', { fatal: true }))).toEqual({ kind: 'typed', key: 'MVM_E_INVALID_ADDRESS fatal' });
    expect(classify(MicroviumError, new MicroviumError(4321)).kind).toBe('untyped'); // MVM_E_UNKNOWN_4321
    expect(classify(MicroviumError, 'a string the guest threw').kind).toBe('guest');
    expect(classify(MicroviumError, { message: 'an object' }).kind).toBe('guest');
    expect(classify(MicroviumError, new TypeError('boom')).kind).toBe('untyped');
  });
});
