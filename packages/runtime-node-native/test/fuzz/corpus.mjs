// Mutated snapshots for the hostile-input tests: bit flips, truncations,
// splices and header-field edits, most with the CRC fixed up so the mutation
// gets past the CRC check and reaches the engine. Deterministic (seeded).
//
// Header (microvium.c, mvm_TsBytecodeHeader, little-endian):
//   0 u8 bytecodeVersion   1 u8 headerSize   2 u8 requiredEngineVersion
//   3 u8 reserved          4 u16 bytecodeSize 6 u16 crc
//   8 u32 requiredFeatureFlags   12 u16 sectionOffsets[8]
// The CRC is CRC-16/CCITT-FALSE over bytes [8, bytecodeSize).

/** CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection, no xor-out). */
export function crc16(bytes, start = 0, end = bytes.length) {
  let crc = 0xffff;
  for (let i = start; i < end; i++) {
    crc ^= bytes[i] << 8;
    for (let b = 0; b < 8; b++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc;
}

/** Sets bytecodeSize to the array's length and recomputes the CRC. */
export function fixHeader(bytes, { size = true } = {}) {
  if (bytes.length < 8) return bytes;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (size) view.setUint16(4, bytes.length & 0xffff, true);
  const end = Math.min(bytes.length, view.getUint16(4, true));
  view.setUint16(6, crc16(bytes, 8, Math.max(8, end)), true);
  return bytes;
}

/** mulberry32: a small seeded PRNG. */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  next.int = (n) => Math.floor(next() * n);
  next.pick = (xs) => xs[next.int(xs.length)];
  return next;
}

const SECTIONS = 8;
const interesting16 = [0, 1, 2, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xfffe, 0xffff];

/**
 * `count` mutants of the seed snapshots, each `{ name, bytes }`.
 * Kinds: flip (1-8 random bit flips, CRC fixed), flipraw (CRC left stale),
 * byte (random bytes set to interesting values), truncate, extend,
 * splice (head of one seed, tail of another), header (one header field set
 * to an interesting or random value), section (section offsets shuffled,
 * swapped or pushed past the end), word (a 16-bit word in the body set to an
 * interesting value: pointers, lengths, offsets).
 */
export function mutants(seeds, count, seed = 1) {
  const r = rng(seed);
  const out = [];
  const kinds = ['flip', 'flip', 'flipraw', 'byte', 'truncate', 'extend', 'splice', 'header', 'header', 'section', 'section', 'word', 'word', 'word'];
  for (let i = 0; i < count; i++) {
    const kind = kinds[i % kinds.length];
    const base = r.pick(seeds);
    let b = Uint8Array.from(base);
    const view = () => new DataView(b.buffer, b.byteOffset, b.byteLength);
    switch (kind) {
      case 'flip':
      case 'flipraw': {
        const n = 1 + r.int(8);
        for (let k = 0; k < n; k++) {
          const at = kind === 'flip' ? 8 + r.int(b.length - 8) : r.int(b.length);
          b[at] ^= 1 << r.int(8);
        }
        if (kind === 'flip') fixHeader(b, { size: false });
        break;
      }
      case 'byte': {
        const n = 1 + r.int(4);
        for (let k = 0; k < n; k++) b[8 + r.int(b.length - 8)] = r.pick([0, 1, 0x7f, 0x80, 0xff, r.int(256)]);
        fixHeader(b, { size: false });
        break;
      }
      case 'truncate':
        b = b.slice(0, r.int(b.length));
        if (r() < 0.7) fixHeader(b);
        break;
      case 'extend': {
        const grown = new Uint8Array(b.length + 1 + r.int(512));
        grown.set(b);
        for (let k = b.length; k < grown.length; k++) grown[k] = r.int(256);
        b = fixHeader(grown);
        break;
      }
      case 'splice': {
        const other = r.pick(seeds);
        const cut = 8 + r.int(Math.max(1, Math.min(b.length, other.length) - 8));
        const joined = new Uint8Array(cut + (other.length - cut));
        joined.set(b.subarray(0, cut));
        joined.set(other.subarray(cut), cut);
        b = fixHeader(joined);
        break;
      }
      case 'header': {
        const field = r.pick(['version', 'headerSize', 'engine', 'reserved', 'size', 'flags', 'section']);
        const v = view();
        if (field === 'version') b[0] = r.pick([0, b[0] - 1, b[0] + 1, 0xff]);
        else if (field === 'headerSize') b[1] = r.pick([0, 1, 8, 12, b[1] - 2, b[1] + 2, 0xff]);
        else if (field === 'engine') b[2] = r.pick([0, b[2] + 1, 0xff]);
        else if (field === 'reserved') b[3] = r.int(256);
        else if (field === 'flags') v.setUint32(8, r.pick([0, 2, 0xffffffff, r.int(2 ** 32)]), true);
        else if (field === 'section') v.setUint16(12 + 2 * r.int(SECTIONS), r.pick([...interesting16, r.int(b.length + 64)]), true);
        if (field === 'size') {
          v.setUint16(4, r.pick([0, 8, b.length - 1, b.length + 1, 0xffff]), true);
          fixHeader(b, { size: false });
        } else fixHeader(b);
        break;
      }
      case 'section': {
        const v = view();
        const offs = Array.from({ length: SECTIONS }, (_, k) => v.getUint16(12 + 2 * k, true));
        const how = r.int(3);
        if (how === 0) {
          const a = r.int(SECTIONS), c = r.int(SECTIONS);
          [offs[a], offs[c]] = [offs[c], offs[a]];
        } else if (how === 1) {
          offs[r.int(SECTIONS)] = b.length + r.int(0x10000 - b.length);
        } else {
          const k = r.int(SECTIONS);
          offs[k] = (offs[k] + r.pick([-4, -2, -1, 1, 2, 4])) & 0xffff;
        }
        offs.forEach((o, k) => v.setUint16(12 + 2 * k, o, true));
        fixHeader(b);
        break;
      }
      case 'word': {
        const n = 1 + r.int(3);
        const v = view();
        for (let k = 0; k < n; k++) {
          const at = 28 + 2 * r.int(Math.max(1, (b.length - 30) >> 1));
          if (at + 2 <= b.length) v.setUint16(at, r.pick([...interesting16, r.int(0x10000)]), true);
        }
        fixHeader(b);
        break;
      }
    }
    out.push({ name: `${String(i).padStart(5, '0')}-${kind}`, bytes: b });
  }
  return out;
}
