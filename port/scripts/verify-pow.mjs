#!/usr/bin/env node
// Checks the port layer's arithmetic (port/src/mvp_math.c) against V8.
//
//   node port/scripts/verify-pow.mjs [--count N] [--seed S] [--oracle N]
//
// Builds port/test/math_harness.c (with the system C compiler, $CC or cc)
// into port/build/, then streams batches of (x, y) pairs to it and compares
// the bits of every result with what V8 computes:
//   pow      mvp_pow vs Math.pow (and x ** y): agreement rate per input
//            distribution and the largest difference in ulps. Where the two
//            differ, an exact BigInt reference (256-bit logarithm and
//            exponential, exact rational arithmetic for integer powers)
//            decides which of them is correctly rounded. --oracle N also
//            checks N sampled results per distribution against it. For
//            comparison, the agreement with the host libm's pow (glibc) too.
//   fmod     mvp_fmod vs x % y: must match bit for bit.
//   toInt32  mvp_to_int32 vs x | 0 and mvp_to_uint32 vs x >>> 0: must match.
// First it builds and runs the unit tests, port/test/math_test.c, with the
// engine's own default_crc16 (extracted from the pinned microvium.c) to
// compare mvp_crc16_ccitt with.
// Exits 1 if fmod or the integer conversions ever differ, or if mvp_pow and
// V8 ever differ where the reference does not show mvp_pow correctly rounded
// (Node 20's V8 uses its legacy pow, which is often 1 ulp off and up to
// hundreds of ulps off for large exponents; every such difference is
// checked).

import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const portDir = join(dirname(fileURLToPath(import.meta.url)), '..');

// ---- command line ------------------------------------------------------------
const args = process.argv.slice(2);
function option(name, fallback) {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const v = Number(args[i + 1]);
  if (!Number.isFinite(v) || v < 0) throw new Error(`${name} needs a number`);
  return v;
}
const COUNT = Math.floor(option('--count', 1_000_000));
const SEED = Math.floor(option('--seed', 20240611)) >>> 0;
const ORACLE_SAMPLE = Math.floor(option('--oracle', 2000));
const BATCH = 65536;

// ---- build the harness ---------------------------------------------------------
const buildDir = join(portDir, 'build');
mkdirSync(buildDir, { recursive: true });
const exe = join(buildDir, 'math_harness');
const cc = process.env.CC || 'cc';
execFileSync(
  cc,
  [
    '-std=c99', '-O2', '-Wall', '-Wextra', '-Werror', '-ffp-contract=off',
    '-I', join(portDir, 'include'),
    join(portDir, 'test', 'math_harness.c'),
    join(portDir, 'src', 'mvp_math.c'),
    '-o', exe,
    '-lm',
  ],
  { stdio: 'inherit' },
);

// ---- unit tests -----------------------------------------------------------------
{
  const { engineSource } = await import('../index.js');
  const engine = readFileSync(engineSource, 'utf8');
  const m = engine.match(/static uint16_t default_crc16\(MVM_LONG_PTR_TYPE lp, uint16_t size\) \{[\s\S]*?\n\}/);
  if (!m) throw new Error(`default_crc16 not found in ${engineSource}`);
  writeFileSync(join(buildDir, 'engine_crc16.inc'), `/* extracted from ${engineSource} */\n${m[0]}\n`);
  const testExe = join(buildDir, 'math_test');
  execFileSync(
    cc,
    [
      '-std=c99', '-O2', '-Wall', '-Wextra', '-Werror', '-ffp-contract=off', '-DMATH_TEST_ENGINE_CRC',
      '-I', join(portDir, 'include'), '-I', buildDir,
      join(portDir, 'test', 'math_test.c'), join(portDir, 'src', 'mvp_math.c'), join(portDir, 'src', 'mvp_crc.c'),
      '-o', testExe,
    ],
    { stdio: 'inherit' },
  );
  try {
    process.stdout.write(execFileSync(testExe));
  } catch (e) {
    process.stdout.write(e.stdout ?? '');
    console.log('math_test failed');
    process.exit(1);
  }
}

// ---- the harness process -------------------------------------------------------
class Harness {
  constructor(path) {
    this.proc = spawn(path, [], { stdio: ['pipe', 'pipe', 'inherit'] });
    this.chunks = [];
    this.have = 0;
    this.waiter = null;
    this.proc.stdout.on('data', (c) => {
      this.chunks.push(c);
      this.have += c.length;
      this.check();
    });
    this.proc.on('exit', (code) => {
      if (this.waiter) this.waiter.reject(new Error(`harness exited with ${code}`));
    });
  }
  check() {
    if (!this.waiter || this.have < this.waiter.bytes) return;
    const all = Buffer.concat(this.chunks);
    const { bytes, resolve } = this.waiter;
    const rest = all.subarray(bytes);
    this.chunks = rest.length ? [rest] : [];
    this.have = rest.length;
    this.waiter = null;
    const out = new Uint8Array(bytes);
    out.set(all.subarray(0, bytes));
    resolve(new Float64Array(out.buffer));
  }
  /** op: 1 pow, 2 fmod, 3 toInt32, 4 toUint32; pairs: Float64Array [x0, y0, x1, y1...] */
  run(op, pairs) {
    const n = pairs.length / 2;
    const head = Buffer.alloc(8);
    head.writeUInt32LE(op, 0);
    head.writeUInt32LE(n, 4);
    this.proc.stdin.write(head);
    this.proc.stdin.write(Buffer.from(pairs.buffer, pairs.byteOffset, pairs.byteLength));
    return new Promise((resolve, reject) => {
      this.waiter = { bytes: n * 8, resolve, reject };
      this.check();
    });
  }
  close() {
    const head = Buffer.alloc(8);
    this.proc.stdin.end(head);
  }
}

// ---- deterministic random numbers (sfc32) ---------------------------------------
function makeRng(seed) {
  let a = 0x9e3779b9, b = 0x243f6a88, c = 0xb7e15162, d = seed | 0;
  const next = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 20; i++) next();
  const u = () => (next() * 2 ** -32 + next()) * 2 ** -32; // [0, 1), 64 random bits
  return { next, u };
}
const scratch = new DataView(new ArrayBuffer(8));
function bitsDouble(hi, lo) {
  scratch.setUint32(0, hi);
  scratch.setUint32(4, lo);
  return scratch.getFloat64(0);
}
function doubleBits(x) {
  scratch.setFloat64(0, x);
  return scratch.getBigUint64(0);
}

// ---- input distributions ---------------------------------------------------------
const SPECIAL = [
  0, -0, 1, -1, 0.5, -0.5, 2, -2, 3, -3, 10, -10, 0.1, 1 / 3, Infinity, -Infinity, NaN,
  Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE, -Number.MIN_VALUE, 2 ** -1022, 2 ** -1074 * 3,
  1 + Number.EPSILON, 1 - Number.EPSILON / 2, -(1 + Number.EPSILON), 2 ** 53, 2 ** 53 + 2, 2 ** 31, 2 ** 32,
  2 ** 64, 2 ** -64, 1e300, 1e-300, 0.75, 1.5, -1.5, 2.5, 1023, 1024, -1074, -1075, 1e10, 7, -7,
];
const powDistributions = [
  ['random bits', (r) => [bitsDouble(r.next(), r.next()), bitsDouble(r.next(), r.next())]],
  ['x in [0,10], y in [-20,20]', (r) => [10 * r.u(), 40 * r.u() - 20]],
  ['integers', (r) => [(r.next() % 2001) - 1000, (r.next() % 121) - 40]],
  [
    'x near 1, large y',
    (r) => {
      const delta = (r.u() - 0.5) * 2 ** -(r.next() % 52);
      const x = 1 + delta;
      const lx = Math.log2(x) || 2 ** -52;
      return [x, ((r.u() * 2 - 1) * 1100) / lx];
    },
  ],
  ['x < 0, integer y', (r) => [-10 * r.u(), (r.next() % 81) - 40]],
  [
    'results over the whole range',
    (r) => {
      const x = bitsDouble(r.next() & 0x7fefffff, r.next()) || 2;
      const lx = Math.log2(x) || 2 ** -52;
      return [x, (r.u() * 2200 - 1100) / lx];
    },
  ],
  [
    'special values',
    (r) => {
      const pick = () => SPECIAL[r.next() % SPECIAL.length];
      const k = r.next() % 3;
      return [k === 1 ? 4 * r.u() - 2 : pick(), k === 2 ? 100 * r.u() - 50 : pick()];
    },
  ],
];
const fmodDistributions = [
  ['random bits', (r) => [bitsDouble(r.next(), r.next()), bitsDouble(r.next(), r.next())]],
  ['moderate', (r) => [(r.u() - 0.5) * 2e6, (r.u() - 0.5) * 200]],
  [
    'any exponents',
    (r) => [
      bitsDouble((r.next() & 0x800fffff) | ((r.next() % 2047) << 20), r.next()),
      bitsDouble((r.next() & 0x800fffff) | ((r.next() % 2047) << 20), r.next()),
    ],
  ],
  ['integers', (r) => [(r.next() % 20001) - 10000, ((r.next() % 201) - 100) || 7]],
  ['special values', (r) => [SPECIAL[r.next() % SPECIAL.length], SPECIAL[r.next() % SPECIAL.length]]],
];
const intDistributions = [
  ['random bits', (r) => bitsDouble(r.next(), r.next())],
  ['integers to 2^34', (r) => (r.u() - 0.5) * 2 ** 35],
  ['fractions to 2^33', (r) => Math.round((r.u() - 0.5) * 2 ** 45) / 2 ** 11],
  ['k * 2^32 + small', (r) => ((r.next() % 2001) - 1000) * 2 ** 32 + ((r.next() % 2001) - 1000) + r.u()],
  ['large', (r) => (r.u() - 0.5) * 2 ** (32 + (r.next() % 60))],
  ['special values', (r) => SPECIAL[r.next() % SPECIAL.length]],
];

// ---- exact reference for pow (BigInt) ---------------------------------------------
const P = 256n;
const ONE = 1n << P;
function atanhFixed(p, q) {
  let term = (p << P) / q;
  const p2 = p * p;
  const q2 = q * q;
  let sum = 0n;
  for (let n = 1n; term !== 0n; n += 2n) {
    sum += term / n;
    term = (term * p2) / q2;
  }
  return sum;
}
const LN2 = 2n * atanhFixed(1n, 3n);
/** x > 0 finite: [m, e] with x = m * 2^e, m an integer < 2^53. */
function decompose(x) {
  scratch.setFloat64(0, x);
  const hi = scratch.getUint32(0);
  const lo = scratch.getUint32(4);
  const ef = (hi >>> 20) & 0x7ff;
  const m = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  return ef === 0 ? [m, -1074] : [m | (1n << 52n), ef - 1075];
}
function lnFixed(x) {
  let [m, e] = decompose(x);
  while (m < 1n << 52n) {
    m <<= 1n;
    e--;
  }
  e += 52;
  let base = 1n << 52n;
  if (m * m > 2n * base * base) {
    base <<= 1n;
    e++;
  }
  return 2n * atanhFixed(m - base, m + base) + BigInt(e) * LN2;
}
const bitLength = (v) => v.toString(2).length;
function scaleNumber(q, k) {
  if (k < -1000) return q * 2 ** (k + 1000) * 2 ** -1000;
  if (k > 900) return q * 2 ** (k - 900) * 2 ** 900;
  return q * 2 ** k;
}
/** Round v * 2^s (v > 0) to double; undefined if within v * 2^-tolBits of a tie. */
function roundScaled(v, s, tolBits) {
  const b = bitLength(v);
  const shift = Math.max(b - 53, -1074 - s);
  if (shift <= 0) return scaleNumber(Number(v), s);
  const sh = BigInt(shift);
  let q = v >> sh;
  const diff = v - (q << sh) - (1n << (sh - 1n));
  if (tolBits !== undefined) {
    const tol = v >> BigInt(tolBits);
    if (diff <= tol && diff >= -tol) return undefined;
  }
  if (diff > 0n || (diff === 0n && (q & 1n))) q++;
  return scaleNumber(Number(q), shift + s);
}
/** Correctly rounded |x| ** y (x finite, nonzero, |x| != 1; y finite, nonzero), or undefined. */
function referencePow(x, y) {
  const ax = Math.abs(x);
  let t = lnFixed(ax);
  const [my, ey] = decompose(Math.abs(y));
  t *= my;
  t = ey >= 0 ? t << BigInt(ey) : t >> BigInt(-ey);
  if (y < 0) t = -t;
  let result;
  if (t > 720n * ONE) result = Infinity;
  else if (t < -760n * ONE) result = 0;
  else {
    let n = t / LN2;
    let r = t - n * LN2;
    if (2n * r > LN2) { n++; r -= LN2; }
    else if (2n * r < -LN2) { n--; r += LN2; }
    let term = ONE;
    let sum = ONE;
    for (let k = 1n; term !== 0n; k++) {
      term = (term * r) / (ONE * k);
      sum += term;
    }
    result = roundScaled(sum, Number(n) - Number(P), 160);
  }
  if (result === undefined && Number.isInteger(y) && Math.abs(y) <= 4096) {
    // Exact rational arithmetic.
    const [mx, ex] = decompose(ax);
    const p = mx ** BigInt(Math.abs(y));
    if (y > 0) result = roundScaled(p, ex * y);
    else {
      const K = BigInt(bitLength(p) + 64);
      const q = (1n << K) / p;
      const sticky = (1n << K) % p !== 0n ? 1n : 0n;
      result = roundScaled(2n * q + sticky, -ex * -y - Number(K) - 1);
    }
  }
  if (result === undefined) return undefined;
  return x < 0 && Number.isInteger(y) && Math.abs(y % 2) === 1 ? -result : result;
}
/** The reference result where mvp_pow's special-case rules do not decide. */
function referenceApplies(x, y, v8) {
  return Number.isFinite(x) && Number.isFinite(y) && x !== 0 && y !== 0 && Math.abs(x) !== 1 && !Number.isNaN(v8);
}

function ulpDistance(a, b) {
  const ord = (x) => {
    const bits = doubleBits(x);
    return bits >> 63n ? -(bits & 0x7fffffffffffffffn) : bits;
  };
  const d = ord(a) - ord(b);
  return d < 0n ? -d : d;
}
const same = (a, b) => Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b));

// ---- runs ---------------------------------------------------------------------
const harness = new Harness(exe);
let failed = false;
const pct = (k, n) => `${((100 * k) / n).toFixed(4)}%`;

async function runPow() {
  const per = Math.ceil(COUNT / powDistributions.length);
  let total = 0, agree = 0, maxUlp = 0n, starDiffer = 0, oursWrong = 0, v8Wrong = 0, undecided = 0, sampled = 0, sampleWrong = 0;
  let libmAgree = 0, unexplained = 0;
  const rows = [];
  for (const [di, [name, gen]] of powDistributions.entries()) {
    const rng = makeRng(SEED + 101 * di);
    let n = 0, ok = 0, dMax = 0n, dOurs = 0, dV8 = 0, dUnd = 0, dSampled = 0, dSampleWrong = 0, worst = '', dLibm = 0;
    const examples = [];
    while (n < per) {
      const m = Math.min(BATCH, per - n);
      const pairs = new Float64Array(2 * m);
      for (let i = 0; i < m; i++) {
        const [x, y] = gen(rng);
        pairs[2 * i] = x;
        pairs[2 * i + 1] = y;
      }
      const ours = await harness.run(1, pairs);
      const libm = await harness.run(5, pairs);
      for (let i = 0; i < m; i++) {
        const x = pairs[2 * i], y = pairs[2 * i + 1];
        const v8 = Math.pow(x, y);
        if (same(libm[i], ours[i])) dLibm++;
        if (!same(v8, x ** y)) starDiffer++;
        const mine = ours[i];
        if (dSampled < ORACLE_SAMPLE && referenceApplies(x, y, v8) && (n + i) % 7 === 0) {
          const ref = referencePow(x, y);
          dSampled++;
          if (ref !== undefined && !same(ref, mine)) {
            dSampleWrong++;
            if (examples.length < 5) examples.push(`sample: ${x} ** ${y}: ours ${mine}, exact ${ref}`);
          }
        }
        if (same(mine, v8)) { ok++; continue; }
        const d = Number.isNaN(mine) || Number.isNaN(v8) ? 1n << 62n : ulpDistance(mine, v8);
        if (d > dMax) {
          dMax = d;
          worst = `${x} ** ${y}: ours ${mine}, V8 ${v8}`;
        }
        if (referenceApplies(x, y, v8)) {
          const ref = referencePow(x, y);
          if (ref === undefined) dUnd++;
          else {
            if (!same(ref, mine)) {
              dOurs++;
              if (examples.length < 5) examples.push(`${x} ** ${y}: ours ${mine}, V8 ${v8}, exact ${ref}`);
            }
            if (!same(ref, v8)) dV8++;
          }
        } else {
          unexplained++;
          if (examples.length < 5) examples.push(`${x} ** ${y}: ours ${mine}, V8 ${v8}`);
        }
      }
      n += m;
    }
    rows.push({ name, n, ok, dMax, dOurs, dV8, dUnd, dSampled, dSampleWrong, examples, worst, dLibm });
    total += n; agree += ok; libmAgree += dLibm; oursWrong += dOurs; v8Wrong += dV8; undecided += dUnd;
    sampled += dSampled; sampleWrong += dSampleWrong;
    if (dMax > maxUlp) maxUlp = dMax;
  }
  console.log('pow (mvp_pow vs V8 Math.pow):');
  for (const r of rows) {
    const miss = r.n - r.ok;
    console.log(
      `  ${r.name.padEnd(30)} ${String(r.n).padStart(9)}  ${pct(r.ok, r.n).padStart(9)} identical` +
        `  max ${r.dMax} ulp  differ ${miss}: exact ref says V8 wrong ${r.dV8}, ours wrong ${r.dOurs}` +
        (r.dUnd ? `, undecided ${r.dUnd}` : '') +
        `  | sampled ${r.dSampled} vs ref: ${r.dSampleWrong} wrong | glibc pow ${pct(r.dLibm, r.n)} identical`,
    );
    for (const e of r.examples) console.log(`      ${e}`);
    if (r.dMax > 1n) console.log(`      largest difference: ${r.worst}`);
  }
  if (starDiffer) console.log(`  note: x ** y differed from Math.pow(x, y) ${starDiffer} times`);
  if (oursWrong || sampleWrong || undecided || unexplained) failed = true;
  return { total, agree, maxUlp, oursWrong, v8Wrong, undecided, sampled, sampleWrong, libmAgree, unexplained };
}

async function runFmod() {
  const per = Math.ceil(COUNT / fmodDistributions.length);
  let total = 0, bad = 0;
  const examples = [];
  for (const [di, [name, gen]] of fmodDistributions.entries()) {
    const rng = makeRng(SEED + 7919 * (di + 1));
    let n = 0, dBad = 0;
    while (n < per) {
      const m = Math.min(BATCH, per - n);
      const pairs = new Float64Array(2 * m);
      for (let i = 0; i < m; i++) {
        const [x, y] = gen(rng);
        pairs[2 * i] = x;
        pairs[2 * i + 1] = y;
      }
      const ours = await harness.run(2, pairs);
      for (let i = 0; i < m; i++) {
        const x = pairs[2 * i], y = pairs[2 * i + 1];
        if (!same(ours[i], x % y)) {
          dBad++;
          if (examples.length < 5) examples.push(`${x} % ${y}: ours ${ours[i]}, V8 ${x % y}`);
        }
      }
      n += m;
    }
    console.log(`  fmod ${name.padEnd(26)} ${String(n).padStart(9)}  mismatches ${dBad}`);
    total += n;
    bad += dBad;
  }
  for (const e of examples) console.log(`      ${e}`);
  if (bad) failed = true;
  return { total, bad };
}

async function runInts() {
  const per = Math.ceil(COUNT / intDistributions.length);
  let total = 0, bad32 = 0, badU32 = 0;
  const examples = [];
  for (const [di, [name, gen]] of intDistributions.entries()) {
    const rng = makeRng(SEED + 104729 * (di + 1));
    let n = 0, dBad = 0;
    while (n < per) {
      const m = Math.min(BATCH, per - n);
      const pairs = new Float64Array(2 * m);
      for (let i = 0; i < m; i++) pairs[2 * i] = gen(rng);
      const r32 = new Uint32Array((await harness.run(3, pairs)).buffer);
      const rU32 = new Uint32Array((await harness.run(4, pairs)).buffer);
      for (let i = 0; i < m; i++) {
        const x = pairs[2 * i];
        const a = r32[2 * i] | 0, b = rU32[2 * i];
        if (a !== (x | 0)) {
          bad32++;
          dBad++;
          if (examples.length < 5) examples.push(`ToInt32(${x}): ours ${a}, V8 ${x | 0}`);
        }
        if (b !== x >>> 0) {
          badU32++;
          dBad++;
          if (examples.length < 5) examples.push(`ToUint32(${x}): ours ${b}, V8 ${x >>> 0}`);
        }
      }
      n += m;
    }
    console.log(`  toInt32/toUint32 ${name.padEnd(18)} ${String(n).padStart(9)}  mismatches ${dBad}`);
    total += n;
  }
  for (const e of examples) console.log(`      ${e}`);
  if (bad32 || badU32) failed = true;
  return { total, bad32, badU32 };
}

const t0 = Date.now();
const pow = await runPow();
console.log('fmod (mvp_fmod vs V8 %):');
const fmod = await runFmod();
console.log('toInt32 (mvp_to_int32 vs x|0, mvp_to_uint32 vs x>>>0):');
const ints = await runInts();
harness.close();

const short = (k, n) => pct(k, n).replace(/0+%$/, '%').replace(/\.%$/, '%');
console.log(
  `  reference check: ${pow.total - pow.agree} differences with V8; the exact reference finds V8 ` +
    `incorrectly rounded in ${pow.v8Wrong}, mvp_pow in ${pow.oursWrong}` +
    (pow.undecided ? `, undecided ${pow.undecided}` : '') +
    (pow.unexplained ? `, ${pow.unexplained} differences outside its scope` : '') +
    `; ${pow.sampled} sampled mvp_pow results, ${pow.sampleWrong} incorrectly rounded`,
);
console.log(
  `pow: ${pow.total} pairs, ${short(pow.agree, pow.total)} bit-identical to V8 Math.pow, ` +
    `max ${pow.maxUlp} ulp (mvp_pow correctly rounded in all ${pow.total - pow.agree - pow.oursWrong - pow.undecided - pow.unexplained} ` +
    `differences, V8 wrong), ${short(pow.libmAgree, pow.total)} to glibc pow; ` +
    `fmod: ${fmod.bad} mismatches; toInt32: ${ints.bad32} mismatches; toUint32: ${ints.badU32} mismatches ` +
    `[${pow.total}/${fmod.total}/${ints.total} inputs, ${((Date.now() - t0) / 1000).toFixed(1)} s]`,
);
process.exit(failed ? 1 : 0);
