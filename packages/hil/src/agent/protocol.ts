/**
 * The agent's wire format (firmware/PROTOCOL.md): one line per message,
 * `<seq> <VERB>[ <payload>] *<crc16>\n`, CRC-16/CCITT-FALSE over the bytes
 * before ` *`. Lines are handled as "binary strings" (one char per byte,
 * latin1) so CRCs are computed over exactly the bytes on the wire; payloads
 * are decoded as UTF-8 afterwards.
 */

export const PROTOCOL_VERSION = 1;

export function crc16(bytes: Uint8Array): number {
  let crc = 0xffff;
  for (const b of bytes) {
    crc ^= b << 8;
    for (let k = 0; k < 8; k++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc;
}

/** CRC-32 (IEEE 802.3) of snapshot images: the one the transcripts use. */
export { crc32 } from '@mvtk/shared-suite';

/** A received line: `payload` is decoded UTF-8. */
export interface AgentLine {
  seq: number;
  verb: string;
  payload: string;
}

/** Frames a command; returns the bytes to send (UTF-8). */
export function frameCommand(seq: number, verb: string, payload?: string): Buffer {
  const body = Buffer.from(payload === undefined || payload === '' ? `${seq} ${verb}` : `${seq} ${verb} ${payload}`, 'utf8');
  const crc = crc16(body).toString(16).padStart(4, '0');
  return Buffer.concat([body, Buffer.from(` *${crc}\n`, 'latin1')]);
}

export type ParsedLine =
  | { kind: 'line'; line: AgentLine }
  /** Not framed, or its CRC does not match. `raw` is the text (latin1). */
  | { kind: 'noise'; raw: string };

/** Parses one received line (a latin1 "binary string" without the `\n`). */
export function parseLine(raw: string): ParsedLine {
  const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
  const m = /^(\d+) (\S+)(?: ([\s\S]*))? \*([0-9a-f]{4})$/.exec(text);
  if (!m) return { kind: 'noise', raw: text };
  const body = Buffer.from(text.slice(0, -6), 'latin1');
  if (crc16(body) !== parseInt(m[4]!, 16)) return { kind: 'noise', raw: text };
  const payload = m[3] === undefined ? '' : Buffer.from(m[3], 'latin1').toString('utf8');
  return { kind: 'line', line: { seq: Number(m[1]), verb: m[2]!, payload } };
}

/** `key=value` pairs of a READY or STATS line. */
export function parseFields(payload: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of payload.split(' ')) {
    const i = part.indexOf('=');
    if (i > 0) out[part.slice(0, i)] = part.slice(i + 1);
  }
  return out;
}

/** What a board says about itself in its ready banner. */
export interface BoardBanner {
  protocol: number;
  engine: string;
  board: string;
  cpu: string;
  uid: string;
  heapLimit: number;
  stackSize: number;
  float: boolean;
  pageSize: number;
  imageMax: number;
  lineMax: number;
  chunkBytes: number;
  defaultGas: number;
  clockHz: number;
  baud: number;
}

export function parseBanner(payload: string): BoardBanner {
  const f = parseFields(payload);
  const n = (k: string) => Number(f[k] ?? NaN);
  return {
    protocol: n('proto'),
    engine: f.engine ?? '',
    board: f.board ?? '',
    cpu: f.cpu ?? '',
    uid: f.uid ?? '',
    heapLimit: n('heap'),
    stackSize: n('stack'),
    float: f.float === '1',
    pageSize: n('page'),
    imageMax: n('image'),
    lineMax: n('line'),
    chunkBytes: n('chunk'),
    defaultGas: n('gas'),
    clockHz: n('clock'),
    baud: n('baud'),
  };
}
