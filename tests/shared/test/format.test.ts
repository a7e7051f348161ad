// src/format.ts against FORMAT.md: the canonical value encoding (the edge
// cases every target must reproduce byte for byte), transcript lines, CRC-32
// and the engine's error names.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { engineDir } from '@mvtk/port';
import { describe, expect, it } from 'vitest';
import { formatTranscript, parseTranscript } from '../src/cases.js';
import { unifiedDiff } from '../src/diff.js';
import { crc32, echoValue, encodeString, encodeValue, ENGINE_ERROR_NAMES, errorLine, MAX_ENCODING_DEPTH, printLine, snapshotLine } from '../src/format.js';
import { packageDir } from '../src/paths.js';

describe('encodeValue: numbers', () => {
  it.each([
    [0, '0'],
    [-0, '-0'],
    [NaN, 'NaN'],
    [Infinity, 'Infinity'],
    [-Infinity, '-Infinity'],
    [1e21, '1e+21'],
    [1e20, '100000000000000000000'],
    [-1e21, '-1e+21'],
    [1e-6, '0.000001'],
    [1e-7, '1e-7'],
    [5e-324, '5e-324'],
    [-5e-324, '-5e-324'],
    [2.2250738585072014e-308, '2.2250738585072014e-308'],
    [Number.MAX_VALUE, '1.7976931348623157e+308'],
    [0.1 + 0.2, '0.30000000000000004'],
    [2 ** 53 + 2, '9007199254740994'],
    [-2147483648, '-2147483648'],
    [123.456, '123.456'],
  ])('%s encodes as %s', (value, text) => {
    expect(encodeValue(value)).toBe(text);
  });
});

describe('encodeValue: other primitives', () => {
  it('writes undefined, null and booleans as words', () => {
    expect([undefined, null, true, false].map((v) => encodeValue(v))).toEqual(['undefined', 'null', 'true', 'false']);
  });

  it('writes functions (and classes) as function, promises and anything else as object', () => {
    class K {}
    expect(encodeValue(() => 1)).toBe('function');
    expect(encodeValue(K)).toBe('function');
    expect(encodeValue(Promise.resolve(1))).toBe('object');
    expect(encodeValue(Symbol('s'))).toBe('object');
    expect(encodeValue(10n)).toBe('object');
  });
});

describe('encodeValue: strings', () => {
  it('escapes quote, backslash and the short control escapes', () => {
    expect(encodeValue('"\\')).toBe('"\\"\\\\"');
    expect(encodeValue('\b\f\n\r\t')).toBe('"\\b\\f\\n\\r\\t"');
  });

  it('writes other code units below 0x20 as \\u00xx with lowercase hex', () => {
    expect(encodeValue('\u0000\u0001\u000b\u001a\u001f')).toBe('"\\u0000\\u0001\\u000b\\u001a\\u001f"');
    // Every one of them, individually.
    for (let c = 0; c < 0x20; c++) {
      const short: Record<number, string> = { 8: '\\b', 9: '\\t', 10: '\\n', 12: '\\f', 13: '\\r' };
      expect(encodeString(String.fromCharCode(c))).toBe(`"${short[c] ?? `\\u${c.toString(16).padStart(4, '0')}`}"`);
    }
  });

  it('writes everything else literally (DEL, non-ASCII, astral, line separators)', () => {
    const s = ' ~\u007fé日本語😀\u2028\u2029/';
    expect(encodeValue(s)).toBe(`"${s}"`);
    expect(Buffer.from(encodeValue('😀'), 'utf8')).toEqual(Buffer.from([0x22, 0xf0, 0x9f, 0x98, 0x80, 0x22]));
    expect(encodeValue('')).toBe('""');
  });
});

describe('encodeValue: compound values', () => {
  it('joins array elements with commas, no white space; holes are undefined', () => {
    expect(encodeValue([1, 'a', null, [true, []]])).toBe('[1,"a",null,[true,[]]]');
    // eslint-disable-next-line no-sparse-arrays
    expect(encodeValue([, 1, ,])).toBe('[undefined,1,undefined]');
    expect(encodeValue(new Array(2))).toBe('[undefined,undefined]');
  });

  it('writes objects in own-key order, integer keys as strings, whatever the prototype', () => {
    expect(encodeValue({ b: 1, a: { c: 'x' }, u: undefined })).toBe('{"b":1,"a":{"c":"x"},"u":undefined}');
    expect(encodeValue({ z: 0, 2: 'two', 1: 'one' })).toBe('{"1":"one","2":"two","z":0}');
    class Point {
      constructor(
        public x: number,
        public y: number,
      ) {}
    }
    expect(encodeValue(new Point(1, -0))).toBe('{"x":1,"y":-0}');
    const bare = Object.create(null) as Record<string, unknown>;
    bare['k"ey'] = 'v';
    expect(encodeValue(bare)).toBe('{"k\\"ey":"v"}');
    expect(encodeValue({})).toBe('{}');
  });

  it('writes Uint8Arrays as two lowercase hex digits per byte', () => {
    expect(encodeValue(new Uint8Array([0, 15, 16, 255]))).toBe('Uint8Array(00,0f,10,ff)');
    expect(encodeValue(new Uint8Array(0))).toBe('Uint8Array()');
    // A runtime's host view of a guest Uint8Array, through the inspector.
    const view = { opaque: true };
    const inspect = { uint8ArrayBytes: (v: unknown) => (v === view ? new Uint8Array([0xab]) : undefined) };
    expect(encodeValue([view], inspect)).toBe('[Uint8Array(ab)]');
    expect(encodeValue([view])).toBe('[{"opaque":true}]');
  });

  it('shows the inspector every object and function it meets, and takes keys from it', () => {
    const f = () => 1;
    const inner = { b: f };
    const x = [inner, 2];
    const visited: object[] = [];
    const text = encodeValue(x, { visit: (v) => visited.push(v), ownKeys: (v) => Object.keys(v).reverse() });
    expect(text).toBe('[{"b":function},2]');
    expect(visited).toEqual([x, inner, f]);
    expect(encodeValue({ a: 1, b: 2 }, { ownKeys: () => ['b'] })).toBe('{"b":2}');
  });

  it(`stops at ${MAX_ENCODING_DEPTH} levels of nesting with ...`, () => {
    expect(MAX_ENCODING_DEPTH).toBe(8);
    const nestArrays = (levels: number): unknown => (levels === 0 ? 1 : [nestArrays(levels - 1)]);
    expect(encodeValue(nestArrays(8))).toBe(`${'['.repeat(8)}1${']'.repeat(8)}`);
    expect(encodeValue(nestArrays(9))).toBe(`${'['.repeat(9)}...${']'.repeat(9)}`);
    expect(encodeValue(nestArrays(12))).toBe(`${'['.repeat(9)}...${']'.repeat(9)}`);
    const nestObjects = (levels: number): unknown => (levels === 0 ? 'x' : { k: nestObjects(levels - 1) });
    expect(encodeValue(nestObjects(9))).toBe(`${'{"k":'.repeat(9)}...${'}'.repeat(9)}`);
    // A cycle ends at the limit instead of recursing forever.
    const cyclic: unknown[] = [];
    cyclic.push(cyclic);
    expect(encodeValue(cyclic)).toBe(`${'['.repeat(9)}...${']'.repeat(9)}`);
  });
});

describe('echoValue (the echo import)', () => {
  it('copies plain data, deeply', () => {
    const t = [1, { b: [2, 'x'] }, new Uint8Array([7]), null, undefined, -0];
    const c = echoValue(t) as typeof t;
    expect(c).not.toBe(t);
    expect(c[1]).not.toBe(t[1]);
    expect(c[2]).not.toBe(t[2]);
    expect(encodeValue(c)).toBe(encodeValue(t));
    expect(echoValue('s')).toBe('s');
    expect(Object.is(echoValue(-0), -0)).toBe(true);
  });

  it('returns the value itself when the encoding cannot carry it', () => {
    const f = () => 1;
    const withFunction = [1, { g: f }];
    expect(echoValue(withFunction)).toBe(withFunction);
    expect(echoValue(f)).toBe(f);
    const promise = Promise.resolve(1);
    expect(echoValue({ p: promise })).toEqual({ p: promise });
    expect((echoValue([promise]) as unknown[])[0]).toBe(promise);
    const empty = new Uint8Array(0);
    expect(echoValue(empty)).toBe(empty);
  });

  it('copies up to 8 levels counting the argument itself, as the agent does', () => {
    const nest = (levels: number): unknown => (levels === 0 ? 1 : [nest(levels - 1)]);
    const seven = nest(7);
    const eight = nest(8);
    expect(echoValue(seven)).not.toBe(seven);
    expect(echoValue(seven)).toEqual(seven);
    expect(echoValue(eight)).toBe(eight);
  });

  it('reads through the inspector: visits every object, takes its keys and Uint8Array bytes', () => {
    const visited: object[] = [];
    const view = { guestBytes: true };
    const inner = { k: view };
    const inspect = {
      visit: (v: object) => visited.push(v),
      ownKeys: (v: object) => Object.keys(v).filter((k) => k !== 'hidden'),
      uint8ArrayBytes: (v: unknown) => (v === view ? new Uint8Array([1, 2]) : undefined),
    };
    const x = { a: inner, hidden: 1 };
    expect(encodeValue(echoValue(x, inspect))).toBe('{"a":{"k":Uint8Array(01,02)}}');
    expect(visited).toEqual([x, inner, view]);
  });
});

describe('transcript lines', () => {
  it('writes print text with backslashes and line breaks escaped; empty text is a bare print', () => {
    expect(printLine('')).toBe('print');
    expect(printLine('a b')).toBe('print a b');
    expect(printLine('a\nb')).toBe('print a\\nb');
    expect(printLine('C:\\n')).toBe('print C:\\\\n');
    expect(printLine('\n')).toBe('print \\n');
  });

  it('computes CRC-32 (IEEE) and writes snapshot lines with 8 lowercase hex digits', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
    expect(snapshotLine(new TextEncoder().encode('123456789'))).toBe('snapshot 9 cbf43926');
    // One whose CRC has leading zero digits: the padding shows.
    let small: Uint8Array | undefined;
    for (let i = 0; i < 0x10000 && !small; i++) {
      const bytes = new Uint8Array([i >> 8, i & 0xff]);
      if (crc32(bytes) < 0x1000_0000) small = bytes;
    }
    expect(small).toBeDefined();
    const line = snapshotLine(small!);
    expect(line).toMatch(/^snapshot 2 0[0-9a-f]{7}$/);
    expect(Number.parseInt(line.slice(-8), 16)).toBe(crc32(small!));
  });

  it('names engine errors as microvium.h and the C host do', () => {
    const header = readFileSync(join(engineDir, 'microvium.h'), 'utf8');
    const fromHeader: string[] = [];
    for (const m of header.matchAll(/\/\*\s*(\d+)\s*\*\/\s*(MVM_E_\w+)/g)) fromHeader[Number(m[1])] = m[2]!;
    expect(fromHeader.length).toBeGreaterThan(50);
    expect(ENGINE_ERROR_NAMES).toEqual(fromHeader);
    const host = readFileSync(join(packageDir, 'native', 'suite_host.c'), 'utf8');
    const table = /error_names\[\] = \{([\s\S]*?)\};/.exec(host)![1]!;
    expect([...table.matchAll(/"(MVM_E_\w+)"/g)].map((m) => m[1])).toEqual(ENGINE_ERROR_NAMES);
    expect(errorLine(12)).toBe('error MVM_E_TYPE_ERROR');
    expect(errorLine(999)).toBe('error MVM_E_999');
  });

  it('reads and writes transcript files with one trailing newline', () => {
    expect(parseTranscript('')).toEqual([]);
    expect(formatTranscript([])).toBe('');
    expect(parseTranscript('return 1\nprint\n')).toEqual(['return 1', 'print']);
    expect(parseTranscript('return 1')).toEqual(['return 1']);
    expect(formatTranscript(['return 1', 'print'])).toBe('return 1\nprint\n');
    // An empty last print line survives the round trip.
    expect(parseTranscript(formatTranscript(['print', 'print']))).toEqual(['print', 'print']);
  });
});

describe('unifiedDiff', () => {
  it('is empty for equal transcripts and a labelled hunk otherwise', () => {
    expect(unifiedDiff(['a', 'b'], ['a', 'b'])).toBe('');
    expect(unifiedDiff(['a', 'b', 'c'], ['a', 'x', 'c'], { expected: 'e', actual: 'f' })).toBe(
      ['--- e', '+++ f', '@@ -1,3 +1,3 @@', ' a', '-b', '+x', ' c'].join('\n'),
    );
    expect(unifiedDiff([], ['new'])).toBe(['--- expected', '+++ actual', '@@ -0,0 +1,1 @@', '+new'].join('\n'));
  });

  it('keeps far-apart changes in separate hunks with 3 lines of context', () => {
    const a = Array.from({ length: 20 }, (_, i) => `line ${i}`);
    const b = a.map((l, i) => (i === 1 || i === 18 ? `${l}!` : l));
    const hunks = unifiedDiff(a, b).split('\n').filter((l) => l.startsWith('@@'));
    expect(hunks).toEqual(['@@ -1,5 +1,5 @@', '@@ -16,5 +16,5 @@']);
  });
});
