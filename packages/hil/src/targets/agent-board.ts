/**
 * A board that serves the firmware agent protocol (firmware/PROTOCOL.md) in
 * process, with any engine {@link Target} behind it: the VIRTUAL BOARD. The
 * agent client (src/agent: `AgentClient`, `boardTarget()`) talks to it
 * exactly as to a real board, over an in-memory link that the fault
 * injector can damage.
 *
 * A `Target` runs whole scenarios, while the protocol goes step by step; the
 * board therefore replays the scenario so far on every step and sends the
 * lines the newest step added (engines are deterministic, and cases have few
 * steps). `LIMIT` is acknowledged but has no effect (scenarios set `gas`
 * explicitly), and cycle counts are 0.
 */
import type { PlainValue, RunResult, Step, Target } from '@mvtk/shared-suite';
import { crc32, frameCommand, parseLine, PROTOCOL_VERSION } from '../agent/protocol.js';
import type { ByteTransport } from '../transports/byte-transport.js';

export interface AgentBoardOptions {
  /** `board=` in the banner. */
  board?: string;
  imageMax?: number;
  chunkBytes?: number;
  /** Never answer (a board that hangs). */
  silent?: boolean;
}

export class VirtualAgentBoard {
  silent: boolean;
  /** Commands received with a bad CRC or format (answered NAK). */
  naks = 0;
  /** Engine runs (one per step, see above). */
  engineRuns = 0;
  private partial = '';
  private chain: Promise<void> = Promise.resolve();
  private generation = 0;
  private image = new Uint8Array();
  private imageSize = 0;
  private imageCrc = 0;
  private received = 0;
  private imageValid = false;
  private vm: { snapshot: Uint8Array; steps: Step[]; last: RunResult } | undefined;
  private killed = false;
  private readonly off: Array<() => void>;

  constructor(
    private readonly engine: Target,
    private readonly link: ByteTransport,
    private readonly opts: AgentBoardOptions = {},
  ) {
    this.silent = opts.silent ?? false;
    this.off = [link.onData((chunk) => this.onBytes(chunk))];
  }

  private send(seq: number, verb: string, payload?: string): void {
    if (this.silent || !this.link.isOpen) return;
    this.link.write(frameCommand(seq, verb, payload)).catch(() => undefined);
  }

  private banner(seq: number): void {
    const max = this.opts.imageMax ?? 65536;
    this.send(
      seq,
      'READY',
      `proto=${PROTOCOL_VERSION} engine=virtual board=${this.opts.board ?? `virtual-${this.engine.name}`} cpu=host uid=virtual heap=65536 stack=1024 float=1 page=65536 image=${max} line=1100 chunk=${this.opts.chunkBytes ?? 512} gas=-1 clock=1000 baud=0`,
    );
  }

  /** Power-on: announce the board. */
  boot(): void {
    this.banner(0);
  }

  /** A reset: RAM (the image, the VM) is lost, whatever is running is dropped, the board boots again. */
  reset(): void {
    this.generation++;
    this.partial = '';
    this.image = new Uint8Array();
    this.imageValid = false;
    this.received = 0;
    this.vm = undefined;
    this.chain = Promise.resolve();
    this.boot();
  }

  private onBytes(chunk: Uint8Array): void {
    const text = this.partial + Buffer.from(chunk).toString('latin1');
    const lines = text.split('\n');
    this.partial = lines.pop()!;
    const gen = this.generation;
    for (const raw of lines) {
      this.chain = this.chain.then(() => (gen === this.generation ? this.onLine(raw, gen) : undefined)).catch(() => undefined);
    }
  }

  private async onLine(raw: string, gen: number): Promise<void> {
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (text === '') return;
    if (text === 'HELLO') return this.banner(0);
    const p = parseLine(text);
    if (p.kind === 'noise') {
      this.naks++;
      this.send(0, 'NAK', /^\d+ [A-Z]+.* \*[0-9a-f]{4}$/.test(text) ? 'E_CRC' : 'E_FORMAT');
      return;
    }
    const { seq, verb, payload } = p.line;
    const reply = (v: string, pl?: string) => gen === this.generation && this.send(seq, v, pl);
    switch (verb) {
      case 'HELLO':
        return this.banner(seq);
      case 'LIMIT':
      case 'EXIT':
        return void reply('OK');
      case 'STATS':
        return void reply('STATS', `uptime=0 image=${this.imageSize} runs=${this.engineRuns}`);
      case 'RESET':
        reply('OK');
        return this.reset();
      case 'LOAD': {
        const [size, crc] = payload.split(' ');
        const n = Number(size);
        if (!Number.isInteger(n) || n <= 0 || !/^[0-9a-f]{8}$/.test(crc ?? '')) return void reply('ERR', 'E_ARGS');
        if (n > (this.opts.imageMax ?? 65536)) return void reply('ERR', 'E_TOO_LARGE');
        const c = parseInt(crc!, 16);
        if (this.imageValid && n === this.imageSize && c === this.imageCrc) return void reply('OK', 'have');
        this.image = new Uint8Array(n);
        this.imageSize = n;
        this.imageCrc = c;
        this.received = 0;
        this.imageValid = false;
        return void reply('OK', 'send');
      }
      case 'CHUNK': {
        const [off, b64 = ''] = payload.split(' ');
        const offset = Number(off);
        const bytes = Buffer.from(b64, 'base64');
        if (offset < this.received && offset + bytes.length <= this.received) return void reply('ACK', String(this.received));
        if (offset !== this.received) return void reply('NAK', `E_OFFSET ${this.received}`);
        if (offset + bytes.length > this.imageSize) return void reply('ERR', 'E_TOO_LARGE');
        this.image.set(bytes, offset);
        this.received += bytes.length;
        return void reply('ACK', String(this.received));
      }
      case 'RESTORE': {
        if (this.received < this.imageSize || this.imageSize === 0) return void reply('ERR', 'E_INCOMPLETE');
        if (crc32(this.image) !== this.imageCrc) {
          this.imageValid = false;
          this.received = 0;
          return void reply('ERR', 'E_IMAGE_CRC');
        }
        this.imageValid = true;
        this.vm = { snapshot: this.image.slice(), steps: [], last: { transcript: [], snapshots: [] } };
        this.killed = false;
        return void reply('OK');
      }
      case 'GAS':
        if (!this.vm) return void reply('ERR', 'E_NO_VM');
        this.vm.steps.push({ kind: 'gas', limit: payload === 'off' ? 'off' : Number(payload) });
        return void reply('OK');
      case 'CALL':
      case 'GC':
      case 'HEAP':
      case 'SNAP': {
        if (!this.vm) return void reply('ERR', 'E_NO_VM');
        if (this.killed) return void reply('ERR', 'E_VM_KILLED');
        let step: Step;
        if (verb === 'CALL') {
          const sp = payload.indexOf(' ');
          const exportId = Number(sp < 0 ? payload : payload.slice(0, sp));
          let args: PlainValue[];
          try {
            args = parseCanonical(sp < 0 ? '[]' : payload.slice(sp + 1)) as PlainValue[];
            if (!Array.isArray(args) || !Number.isInteger(exportId)) throw new Error('bad call');
          } catch {
            return void reply('ERR', 'E_ARGS');
          }
          step = { kind: 'call', exportId, args };
        } else step = { kind: verb === 'GC' ? 'gc' : verb === 'HEAP' ? 'heap' : 'snapshot' };
        const vm = this.vm;
        const steps = [...vm.steps, step];
        let r: RunResult;
        try {
          this.engineRuns++;
          r = await this.engine.run(vm.snapshot, steps);
        } catch (error) {
          return void reply('ERR', `E_HOST ${String((error as Error).message).split('\n')[0]}`);
        }
        if (gen !== this.generation) return;
        const fresh = r.transcript.slice(vm.last.transcript.length);
        vm.steps = steps;
        vm.last = r;
        for (const line of fresh) {
          if (line.startsWith('fatal ')) {
            this.killed = true;
            return void reply('FATAL', line.slice(6));
          }
          reply('T', line);
        }
        if (verb === 'SNAP') {
          const bytes = r.snapshots[r.snapshots.length - 1] ?? new Uint8Array();
          for (let o = 0; o < bytes.length; o += 384) reply('SDATA', `${o} ${Buffer.from(bytes.subarray(o, o + 384)).toString('base64')}`);
        }
        return void reply('DONE', 'cycles=0 gas=off');
      }
      default:
        return void reply('NAK', 'E_UNKNOWN');
    }
  }

  async close(): Promise<void> {
    this.generation++;
    this.off.forEach((o) => o());
    await this.engine.close();
  }
}

/** Parses the canonical value encoding of call arguments (FORMAT.md) into plain data. */
export function parseCanonical(text: string): PlainValue {
  let i = 0;
  const fail = (): never => {
    throw new SyntaxError(`bad canonical value at ${i}: ${text.slice(i, i + 20)}`);
  };
  const value = (): PlainValue => {
    const c = text[i];
    if (c === '[') {
      i++;
      const out: PlainValue[] = [];
      if (text[i] === ']') return i++, out;
      for (;;) {
        out.push(value());
        if (text[i] === ',') i++;
        else if (text[i] === ']') return i++, out;
        else fail();
      }
    }
    if (c === '{') {
      i++;
      const out: Record<string, PlainValue> = {};
      if (text[i] === '}') return i++, out;
      for (;;) {
        const k = value();
        if (typeof k !== 'string' || text[i++] !== ':') fail();
        out[k as string] = value();
        if (text[i] === ',') i++;
        else if (text[i] === '}') return i++, out;
        else fail();
      }
    }
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      const s = JSON.parse(text.slice(i, j + 1)) as string;
      i = j + 1;
      return s;
    }
    const m = /^(undefined|null|true|false|-?Infinity|NaN|-?\d+(?:\.\d+)?(?:e[+-]?\d+)?)/.exec(text.slice(i));
    if (!m) fail();
    i += m![0].length;
    switch (m![0]) {
      case 'undefined':
        return undefined;
      case 'null':
        return null;
      case 'true':
        return true;
      case 'false':
        return false;
      default:
        return Number(m![0]);
    }
  };
  const v = value();
  if (i !== text.length) fail();
  return v;
}
