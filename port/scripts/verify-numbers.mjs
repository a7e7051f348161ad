#!/usr/bin/env node
// Checks the port layer's number conversions against V8, the reference for
// every target:
//
//   - mvp_number_to_string(x) against String(x), for random doubles drawn
//     uniformly over all 64-bit patterns, plus edge values and "nice"
//     decimals;
//   - mvp_string_to_number(s) against Number(s), bit for bit (NaN == NaN,
//     -0 != 0), for String(x), toPrecision, toExponential and toFixed output,
//     exact midpoints between doubles and their near misses, long random
//     digit strings, 0x/0o/0b literals, white-space padding and invalid input.
//
// Usage: node port/scripts/verify-numbers.mjs [--count N] [--seed S] [--strings M]
//   N doubles (default 1000000), M strings (default 0.3 * N), PRNG seed S.
//
// The C side is port/test/number_harness.c, compiled (when missing or stale)
// into port/build/number_harness with `cc -O2 -std=c99 -ffp-contract=off`
// (CC overrides cc). Exits 1 on any mismatch.
import { spawnSync, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const portDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const buildDir = join(portDir, 'build');
const harness = join(buildDir, 'number_harness');

// ---- arguments ----------------------------------------------------------------
const args = process.argv.slice(2);
function option(name, fallback) {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const v = Number(args[i + 1]);
  if (!Number.isFinite(v) || v < 0) {
    console.error(`verify-numbers: bad value for ${name}`);
    process.exit(2);
  }
  return Math.floor(v);
}
const count = option('--count', 1000000);
const stringCount = option('--strings', Math.round(count * 0.3));
const seed = option('--seed', 20240607);

// ---- build ----------------------------------------------------------------------
function buildHarness() {
  const sources = [join(portDir, 'test', 'number_harness.c'), join(portDir, 'src', 'mvp_number.c')];
  const inputs = [...sources, join(portDir, 'include', 'mvp.h')];
  if (existsSync(harness)) {
    const built = statSync(harness).mtimeMs;
    if (inputs.every((f) => statSync(f).mtimeMs < built)) return;
  }
  mkdirSync(buildDir, { recursive: true });
  const cc = process.env.CC ?? 'cc';
  execFileSync(
    cc,
    ['-O2', '-std=c99', '-ffp-contract=off', '-Wall', '-Wextra', '-I', join(portDir, 'include'), ...sources, '-o', harness],
    { stdio: 'inherit' },
  );
}

function runHarness(mode, input) {
  const r = spawnSync(harness, [mode], { input, maxBuffer: 1 << 30 });
  if (r.error) throw r.error;
  if (r.status !== 0) {
    throw new Error(`number_harness ${mode} exited with ${r.status}: ${r.stderr}`);
  }
  return r.stdout;
}

// ---- random numbers ---------------------------------------------------------------
// sfc32: small, fast, seedable.
let ra = 0x9e3779b9, rb = 0x243f6a88, rc = 0xb7e15162, rd = seed >>> 0;
function u32() {
  ra >>>= 0; rb >>>= 0; rc >>>= 0; rd >>>= 0;
  let t = (ra + rb) | 0;
  ra = rb ^ (rb >>> 9);
  rb = (rc + (rc << 3)) | 0;
  rc = (rc << 21) | (rc >>> 11);
  rd = (rd + 1) | 0;
  t = (t + rd) | 0;
  rc = (rc + t) | 0;
  return t >>> 0;
}
for (let i = 0; i < 20; i++) u32();
const below = (n) => Math.floor((u32() / 4294967296) * n); // 0 <= r < n (n <= 2^32)
const between = (lo, hi) => lo + below(hi - lo + 1);
const pick = (a) => a[below(a.length)];

const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);
const bitsOf = (x) => ((f64[0] = x), u64[0]);
const fromBits = (b) => ((u64[0] = BigInt.asUintN(64, b)), f64[0]);
const hex = (x) => '0x' + bitsOf(x).toString(16).padStart(16, '0');
function randomBits() {
  return fromBits((BigInt(u32()) << 32n) | BigInt(u32()));
}
function randomFinite() {
  for (;;) {
    const x = randomBits();
    if (Number.isFinite(x)) return x;
  }
}
function randomDigits(n, firstNonZero = false) {
  let s = '';
  for (let i = 0; i < n; i++) s += String.fromCharCode(48 + (i === 0 && firstNonZero ? 1 + below(9) : below(10)));
  return s;
}

// ---- edge values --------------------------------------------------------------------
const edges = [0, -0, NaN, Infinity, -Infinity, 1, -1, 0.1, 0.2, 0.1 + 0.2, 1 / 3, 2 / 3, Math.PI, Math.E];
{
  const add = (x) => {
    for (const s of [1, -1]) {
      const b = bitsOf(x * s);
      for (let d = -3n; d <= 3n; d++) {
        const y = fromBits(b + d);
        if (Math.sign(y) === Math.sign(x * s) || y === 0) edges.push(y);
      }
    }
  };
  for (let e = -1074; e <= 1023; e++) add(2 ** e);
  for (let e = -323; e <= 308; e++) add(Number(`1e${e}`));
  for (const x of [
    5e-324, 2.2250738585072014e-308, 2.225073858507201e-308, Number.MAX_VALUE, 2 ** 53, 2 ** 53 - 1,
    2 ** 53 + 2, 2 ** 31, 2 ** 32, 2 ** 63, 2 ** 64, 1e21, 1e-7, 1e-6, 9.999999999999999e20,
    999999999999999900000, 123456789012345680000, 1.5e-7, 4.35, 0.000001, 9007199254740993,
  ]) add(x);
  for (let i = 1; i <= 64; i++) edges.push(fromBits(BigInt(i)), fromBits((1n << 52n) - BigInt(i)));
}

// A double with a short decimal expansion, in every magnitude.
function niceDouble() {
  switch (below(4)) {
    case 0: return Number(`${randomDigits(between(1, 17), true)}e${between(-30, 30)}`);
    case 1: return Number(`${randomDigits(between(1, 17), true)}e${between(-340, 320)}`);
    case 2: return below(2) ? between(-1e6, 1e6) : (u32() * 2097152 + (u32() >>> 11)) * (below(2) ? 1 : -1);
    default: return Number(`${randomDigits(between(1, 6), true)}e${between(-10, 25)}`) * (below(2) ? 1 : -1);
  }
}

// ---- toString -------------------------------------------------------------------------
function checkToString(total, report) {
  const BATCH = 1 << 19;
  let mismatches = 0;
  let edgeIndex = 0;
  for (let done = 0; done < total; ) {
    const n = Math.min(BATCH, total - done);
    const xs = new Float64Array(n);
    const words = new Uint32Array(xs.buffer);
    for (let i = 0; i < words.length; i++) words[i] = u32();
    for (let i = 0; i < n; i++) {
      const r = below(100);
      if (edgeIndex < edges.length && r < 20) xs[i] = edges[edgeIndex++];
      else if (r < 8) xs[i] = niceDouble();
    }
    const out = runHarness('tostring', Buffer.from(xs.buffer)).toString('latin1');
    let pos = 0;
    for (let i = 0; i < n; i++) {
      const nl = out.indexOf('\n', pos);
      const got = out.slice(pos, nl);
      pos = nl + 1;
      const want = String(xs[i]);
      if (got !== want) {
        if (mismatches++ < 10) report(`toString ${hex(xs[i])}: want ${want}, got ${got}`);
      }
    }
    done += n;
  }
  return mismatches;
}

// ---- toNumber ---------------------------------------------------------------------------
const WS = ['\t', '\n', '\v', '\f', '\r', ' ', '\u00a0', '\u1680', '\u2000', '\u2005', '\u200a', '\u2028',
  '\u2029', '\u202f', '\u205f', '\u3000', '\ufeff'];
// Not white space in ECMAScript (U+180E was, before Unicode 6.3).
const NOT_WS = ['\u180e', '\u200b', '\u0085', '\u00ad', '\u2060', '\x00', '\x1c'];
const INVALID = ['', ' ', '.', '+', '-', 'e5', '1e', '1e+', '1e-', '1_000', '0x', '0o', '0b', '0x_1', '0xg',
  '0b2', '0o8', '-0x10', '+0x10', '0x1.8', '0x1p3', 'infinity', 'INFINITY', 'Infinit', '+-1', '--1', '1..2',
  '1.2.3', '1e1.5', '1e2e3', '.e1', '+.e1', '1 2', '1,5', 'NaN', '0x1 0', '١٢', '１', '1d', '1f', 'Infinityx',
  ' +Infinity ', '-Infinity', '00', '-.5', '+.5e-3', '5.', '-0', '+0', '0.0e0', '0e-99999999999', '1e99999999999',
  '.0000000000000000000000000000000000000001e40', '0X1F', '0O17', '0B101', '0xFFFFFFFFFFFFFFFFFFFF'];

function pad(s) {
  const n = between(0, 3);
  let a = '', b = '';
  for (let i = 0; i < n; i++) a += pick(WS);
  for (let i = between(0, 3); i > 0; i--) b += pick(WS);
  return a + s + b;
}

function sign(s) {
  const r = below(8);
  return r === 0 ? '-' + s : r === 1 ? '+' + s : s;
}

// Exact decimal of the midpoint between finite x > 0 and the next double up
// (with some near misses): the hardest inputs for correct rounding.
function midpointString() {
  let x;
  do x = Math.abs(randomFinite()); while (x === Number.MAX_VALUE);
  const b = bitsOf(x);
  const be = Number((b >> 52n) & 0x7ffn);
  let m = b & ((1n << 52n) - 1n);
  let q = -1074;
  if (be) { m |= 1n << 52n; q = be - 1075; }
  const h = 2n * m + 1n; // midpoint = h * 2^(q-1)
  let digits, exp;
  if (q - 1 >= 0) { digits = (h << BigInt(q - 1)).toString(); exp = 0; }
  else { digits = (h * 5n ** BigInt(1 - q)).toString(); exp = q - 1; }
  switch (below(7)) {
    case 0: break; // exact: ties to even
    case 1: digits = (BigInt(digits) + 1n).toString(); break;
    case 2: digits = (BigInt(digits) - 1n).toString(); break;
    case 3: { const k = below(3) ? between(0, 20) : between(0, 1100); digits += '0'.repeat(k) + '1'; exp -= k + 1; break; } // just above
    case 4: { const k = below(3) ? between(1, 20) : between(1, 1100); digits = (BigInt(digits) - 1n).toString() + '9'.repeat(k); exp -= k; break; } // just below
    case 5: { const k = between(1, Math.max(1, digits.length)); exp += digits.length - k; digits = digits.slice(0, k); break; }
    default: { const k = between(1, 900); digits += '0'.repeat(k); exp -= k; break; }
  }
  // Place a decimal point or write an exponent, at random.
  const r = below(3);
  if (r === 0) return `${digits}e${exp}`;
  if (r === 1 && exp < 0 && -exp < 1200) {
    const pt = digits.length + exp;
    return pt > 0 ? `${digits.slice(0, pt)}.${digits.slice(pt)}` : `0.${'0'.repeat(-pt)}${digits}`;
  }
  const shift = between(0, digits.length - 1);
  return `${digits.slice(0, digits.length - shift)}.${digits.slice(digits.length - shift)}e${exp + shift}`;
}

function randomDecimalString() {
  const lenClass = below(10);
  const n = lenClass < 6 ? between(1, 25) : lenClass < 9 ? between(15, 120) : between(700, 1300);
  let digits = randomDigits(n);
  const lead = below(4) === 0 ? '0'.repeat(between(1, 30)) : '';
  digits = lead + digits;
  // Choose an exponent so the value mostly lands in or near the double range.
  const e = between(-345 - n, 320 - Math.min(n, 40));
  const style = below(4);
  if (style === 0) return `${digits}e${e}`;
  if (style === 1) {
    const pt = below(digits.length + 1);
    return `${digits.slice(0, pt)}.${digits.slice(pt)}${below(2) ? 'E' : 'e'}${below(2) && e >= 0 ? '+' : ''}${e}`;
  }
  if (style === 2) return `${digits.slice(0, 1) || '0'}.${digits.slice(1)}`;
  return `.${digits}e${between(-30, 30)}`;
}

function radixString() {
  const kind = below(3);
  const [prefix, alphabet, bits] = kind === 0 ? ['0x', '0123456789abcdefABCDEF', 4] : kind === 1 ? ['0o', '01234567', 3] : ['0b', '01', 1];
  const p = below(2) ? prefix : prefix.toUpperCase();
  const n = below(4) === 0 ? between(1, Math.ceil(1100 / bits)) : between(1, Math.ceil(80 / bits));
  let s = '';
  if (below(3) === 0) {
    // 53 significant bits, then a rounding pattern (exact half, just above/below).
    let b = '1' + Array.from({ length: 52 }, () => below(2)).join('');
    b += pick(['1', '0', '10', '01', '1' + '0'.repeat(between(1, 60)) + '1', '1' + '0'.repeat(between(1, 60)), '0' + '1'.repeat(between(1, 60))]);
    b += '0'.repeat(between(0, 900));
    while (b.length % bits) b = '0' + b;
    for (let i = 0; i < b.length; i += bits) s += parseInt(b.slice(i, i + bits), 2).toString(1 << bits);
    if (below(2)) s = s.toUpperCase();
  } else {
    for (let i = 0; i < n; i++) s += pick(alphabet);
  }
  return p + s;
}

function mutate(s) {
  const chars = ['_', ' ', 'x', 'e', '+', '-', '.', 'a', ',', '0', '1', '\u200b', 'I', 'n'];
  const i = below(s.length + 1);
  switch (below(3)) {
    case 0: return s.slice(0, i) + pick(chars) + s.slice(i);
    case 1: return s.slice(0, i) + s.slice(i + 1);
    default: return s.slice(0, i) + pick(NOT_WS) + s.slice(i);
  }
}

function randomString() {
  const r = below(100);
  let s;
  if (r < 18) s = String(randomFinite());
  else if (r < 26) s = randomFinite().toPrecision(between(1, 100));
  else if (r < 34) s = randomFinite().toExponential(between(0, 100));
  else if (r < 38) { const x = niceDouble(); s = Number.isFinite(x) && Math.abs(x) < 1e21 ? x.toFixed(between(0, 100)) : String(x); }
  else if (r < 44) s = String(niceDouble());
  else if (r < 56) s = sign(midpointString());
  else if (r < 72) s = sign(randomDecimalString());
  else if (r < 82) s = radixString();
  else if (r < 86) s = pick(INVALID);
  else if (r < 92) s = mutate(String(below(2) ? randomFinite() : niceDouble()));
  else s = pick(['Infinity', '+Infinity', '-Infinity', '0', '-0', '+0', '0.0', '-0.0', '-0e5', '000', '']);
  return below(5) === 0 ? pad(s) : s;
}

const isNaNBits = (b) => (b & 0x7ff0000000000000n) === 0x7ff0000000000000n && (b & 0xfffffffffffffn) !== 0n;

function checkToNumber(total, report) {
  const BATCH = 100000;
  let mismatches = 0;
  let fixed = [...INVALID, ...WS.map((w) => w + '12' + w), ...NOT_WS.map((w) => w + '12')];
  for (let done = 0; done < total; ) {
    const n = Math.min(BATCH, total - done);
    const strs = new Array(n);
    for (let i = 0; i < n; i++) strs[i] = fixed.length ? fixed.pop() : randomString();
    const bufs = [];
    for (const s of strs) {
      const b = Buffer.from(s, 'utf8');
      const h = Buffer.alloc(4);
      h.writeUInt32LE(b.length);
      bufs.push(h, b);
    }
    const out = runHarness('tonumber', Buffer.concat(bufs));
    if (out.length !== n * 8) throw new Error(`number_harness returned ${out.length} bytes for ${n} strings`);
    for (let i = 0; i < n; i++) {
      const got = out.readBigUInt64LE(i * 8);
      const want = bitsOf(Number(strs[i]));
      if (got !== want && !(isNaNBits(got) && isNaNBits(want))) {
        if (mismatches++ < 10) {
          const shown = JSON.stringify(strs[i]);
          report(`toNumber ${shown.length > 200 ? shown.slice(0, 200) + '...' : shown}: want 0x${want.toString(16).padStart(16, '0')} (${fromBits(want)}), got 0x${got.toString(16).padStart(16, '0')} (${fromBits(got)})`);
        }
      }
    }
    done += n;
  }
  return mismatches;
}

// ---- main -------------------------------------------------------------------------------
const t0 = process.hrtime.bigint();
buildHarness();
const report = (line) => console.error(line);
const badToString = checkToString(count, report);
const badToNumber = checkToNumber(stringCount, report);
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
console.log(
  `numbers: ${count} doubles, ${badToString} mismatches (toString); ${stringCount} strings, ${badToNumber} mismatches (toNumber); ${seconds.toFixed(1)} s (seed ${seed})`,
);
process.exit(badToString || badToNumber ? 1 : 0);
