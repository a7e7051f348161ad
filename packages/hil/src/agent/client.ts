/**
 * The host side of firmware/PROTOCOL.md: handshake, snapshot upload (chunked,
 * acknowledged, CRC-checked, resent on NAK), scenario steps, transcripts.
 */
import type { PlainValue, RunResult, Step } from '@mvtk/shared-suite';
import {
  AgentCommandError,
  AgentProtocolError,
  AgentResetError,
  AgentTimeoutError,
  TransportClosedError,
} from './errors.js';
import { crc32, frameCommand, parseBanner, parseFields, parseLine, type AgentLine, type BoardBanner } from './protocol.js';
import type { Transport } from './transport.js';

export interface AgentClientOptions {
  /** Wait for the ready banner this long (boot, or after HELLO). Default 15 s. */
  connectTimeoutMs?: number;
  /** Per command (LOAD, CHUNK, GAS, ...). Default 10 s. */
  commandTimeoutMs?: number;
  /** Per CALL / SNAP / HEAP / GC. Default 120 s. */
  callTimeoutMs?: number;
  /** Resends of one command after NAK. Default 5. */
  maxResends?: number;
  /** Whole-upload restarts (image CRC mismatch, board reset). Default 3. */
  maxUploadAttempts?: number;
  /** Instructions per call when a scenario sets no gas (LIMIT); undefined keeps the board's. */
  defaultGas?: number | 'off';
  /** Every line sent (`> `) and received (`< `), for logs. */
  log?: (line: string) => void;
}

/** Counters for reports and tests. */
export interface AgentCounters {
  naks: number;
  resends: number;
  uploadRestarts: number;
  resets: number;
  noiseLines: number;
  uploadsSkipped: number;
  bytesUploaded: number;
}

const TERMINAL = new Set(['OK', 'ERR', 'ACK', 'DONE', 'FATAL', 'STATS', 'NAK']);

/** Shapes plain data into the canonical encoding the agent parses. */
export function encodeArgs(args: readonly PlainValue[]): string {
  const enc = (v: PlainValue): string => {
    if (v === undefined) return 'undefined';
    if (v === null) return 'null';
    if (typeof v === 'boolean') return String(v);
    if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(v);
    if (typeof v === 'string') return JSON.stringify(v);
    if (Array.isArray(v)) return `[${v.map(enc).join(',')}]`;
    return `{${Object.entries(v)
      .map(([k, x]) => `${JSON.stringify(k)}:${enc(x)}`)
      .join(',')}}`;
  };
  return `[${args.map(enc).join(',')}]`;
}

export class AgentClient {
  banner: BoardBanner | undefined;
  readonly counters: AgentCounters = {
    naks: 0, resends: 0, uploadRestarts: 0, resets: 0, noiseLines: 0, uploadsSkipped: 0, bytesUploaded: 0,
  };
  private seq = 0;
  private queue: string[] = [];
  private waiter: (() => void) | undefined;
  private closed = false;
  private pumping = false;
  /** Lines that looked framed but failed their CRC during the current command. */
  private corrupt = 0;
  private readonly o: Required<Omit<AgentClientOptions, 'log' | 'defaultGas'>> & AgentClientOptions;

  constructor(
    readonly transport: Transport,
    options: AgentClientOptions = {},
  ) {
    this.o = {
      connectTimeoutMs: 15_000,
      commandTimeoutMs: 10_000,
      callTimeoutMs: 120_000,
      maxResends: 5,
      maxUploadAttempts: 3,
      ...options,
    };
  }

  // ---- lines -----------------------------------------------------------

  private startPump(): void {
    if (this.pumping) return;
    this.pumping = true;
    this.closed = false;
    void (async () => {
      try {
        for await (const line of this.transport.lines()) {
          this.queue.push(line);
          this.waiter?.();
        }
      } finally {
        this.pumping = false;
        this.closed = true;
        this.waiter?.();
      }
    })();
  }

  private async nextRaw(deadline: number, what: string, seen: string[]): Promise<string> {
    for (;;) {
      const line = this.queue.shift();
      if (line !== undefined) {
        this.o.log?.(`< ${line}`);
        seen.push(line);
        return line;
      }
      if (this.closed) throw new TransportClosedError(`${this.transport.description}: link closed while waiting for ${what}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new AgentTimeoutError(`${this.transport.description}: no answer to ${what}`, seen);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiter = () => {
          clearTimeout(t);
          this.waiter = undefined;
          resolve();
        };
      });
    }
  }

  private async send(verb: string, payload?: string): Promise<number> {
    this.seq = this.seq >= 65535 ? 1 : this.seq + 1;
    const bytes = frameCommand(this.seq, verb, payload);
    this.o.log?.(`> ${bytes.toString('utf8').trimEnd()}`);
    await this.transport.write(bytes);
    return this.seq;
  }

  // ---- connection --------------------------------------------------------

  /** Opens the transport and waits for a ready banner (sending HELLO until one comes). */
  async connect(): Promise<BoardBanner> {
    await this.transport.open();
    this.startPump();
    const deadline = Date.now() + this.o.connectTimeoutMs;
    const seen: string[] = [];
    let nextHello = Date.now() + 1500; // a booting board announces itself
    for (;;) {
      let raw: string;
      try {
        raw = await this.nextRaw(Math.min(deadline, nextHello), 'the ready banner', seen);
      } catch (e) {
        if (!(e instanceof AgentTimeoutError)) throw e;
        if (Date.now() >= deadline) throw new AgentTimeoutError(`${this.transport.description}: no ready banner`, seen);
        // An empty line flushes a partial one on the board, then HELLO.
        await this.transport.write(Buffer.from('\n'));
        await this.send('HELLO');
        nextHello = Date.now() + 1000;
        continue;
      }
      const p = parseLine(raw);
      if (p.kind === 'line' && p.line.verb === 'READY') {
        this.banner = parseBanner(p.line.payload);
        break;
      }
    }
    if (this.o.defaultGas !== undefined) {
      await this.command('LIMIT', String(this.o.defaultGas));
    }
    return this.banner!;
  }

  /**
   * Sends one command and collects its lines up to the terminal one. NAKs are
   * answered by resending (bounded). A ready banner means the board reset.
   */
  async exchange(
    verb: string,
    payload: string | undefined,
    options: { timeoutMs?: number; onLine?: (line: AgentLine) => void } = {},
  ): Promise<AgentLine> {
    const timeoutMs = options.timeoutMs ?? this.o.commandTimeoutMs;
    for (let attempt = 0; ; attempt++) {
      const seq = await this.send(verb, payload);
      this.corrupt = 0;
      const deadline = Date.now() + timeoutMs;
      const seen: string[] = [];
      let reply: AgentLine | undefined;
      while (!reply) {
        const raw = await this.nextRaw(deadline, `${verb} (seq ${seq})`, seen);
        const p = parseLine(raw);
        if (p.kind === 'noise') {
          if (raw === '') continue;
          this.counters.noiseLines++;
          // Anything but a board's `#` report during a command may be a
          // damaged line of this command's answer: the answer cannot be trusted.
          if (!raw.startsWith('#')) this.corrupt++;
          continue;
        }
        const line = p.line;
        if (line.verb === 'READY') {
          this.banner = parseBanner(line.payload);
          if (verb === 'HELLO' && line.seq === seq) return line;
          if (line.seq === 0) {
            this.counters.resets++;
            throw new AgentResetError(`${this.transport.description}: the board restarted during ${verb}`);
          }
          continue;
        }
        if (line.verb === 'NAK' && (line.seq === seq || line.seq === 0) && !line.payload.startsWith('E_OFFSET')) {
          this.counters.naks++;
          if (attempt >= this.o.maxResends) {
            throw new AgentProtocolError(`${this.transport.description}: ${verb} rejected ${attempt + 1} times (${line.payload})`);
          }
          this.counters.resends++;
          reply = undefined;
          break;
        }
        if (line.seq !== seq) continue; // a late answer to an earlier attempt
        if (TERMINAL.has(line.verb)) reply = line;
        else options.onLine?.(line);
      }
      if (!reply) continue; // resend after NAK
      if (this.corrupt) {
        throw new AgentProtocolError(`${this.transport.description}: ${this.corrupt} corrupted line(s) during ${verb}`);
      }
      return reply;
    }
  }

  /** Like {@link exchange}, but `ERR` becomes an {@link AgentCommandError}. */
  async command(verb: string, payload?: string, options: { timeoutMs?: number; onLine?: (line: AgentLine) => void } = {}) {
    const reply = await this.exchange(verb, payload, options);
    if (reply.verb === 'ERR') {
      const [code = '', ...rest] = reply.payload.split(' ');
      throw new AgentCommandError(code, rest.join(' '));
    }
    return reply;
  }

  // ---- upload ------------------------------------------------------------

  /**
   * Sends a snapshot and restores a fresh VM from it. Returns undefined, or
   * the engine error name if the engine refused the snapshot.
   */
  async load(snapshot: Uint8Array): Promise<string | undefined> {
    const crc = crc32(snapshot).toString(16).padStart(8, '0');
    const chunk = this.banner?.chunkBytes || 512;
    for (let attempt = 1; ; attempt++) {
      try {
        const reply = await this.command('LOAD', `${snapshot.length} ${crc}`);
        if (reply.payload === 'have') this.counters.uploadsSkipped++;
        else {
          let offset = 0;
          while (offset < snapshot.length) {
            const bytes = snapshot.subarray(offset, offset + chunk);
            const ack = await this.exchange('CHUNK', `${offset} ${Buffer.from(bytes).toString('base64')}`);
            if (ack.verb === 'ACK') {
              offset = Number(ack.payload);
              this.counters.bytesUploaded += bytes.length;
            } else if (ack.verb === 'NAK') {
              offset = Number(ack.payload.split(' ')[1]); // E_OFFSET <received>
            } else if (ack.verb === 'ERR') throw new AgentCommandError(ack.payload, '');
            else throw new AgentProtocolError(`unexpected ${ack.verb} to CHUNK`);
          }
        }
        const restored = await this.exchange('RESTORE', undefined, { timeoutMs: this.o.callTimeoutMs });
        if (restored.verb === 'OK') return undefined;
        const [code = '', name = ''] = restored.payload.split(' ');
        if (code === 'E_RESTORE') return name;
        throw new AgentCommandError(code, restored.payload);
      } catch (e) {
        const retriable =
          e instanceof AgentResetError ||
          (e instanceof AgentCommandError && (e.agentCode === 'E_IMAGE_CRC' || e.agentCode === 'E_INCOMPLETE' || e.agentCode === 'E_STATE'));
        if (!retriable || attempt >= this.o.maxUploadAttempts) throw e;
        this.counters.uploadRestarts++;
      }
    }
  }

  // ---- scenarios -----------------------------------------------------------

  /** Runs `steps` on a VM restored from `snapshot` (FORMAT.md). */
  async run(snapshot: Uint8Array, steps: readonly Step[]): Promise<RunResult & { cycles: number[] }> {
    const transcript: string[] = [];
    const snapshots: Uint8Array[] = [];
    const cycles: number[] = [];
    const failed = await this.load(snapshot);
    if (failed) return { transcript: [`fatal ${failed}`], snapshots, cycles };
    const onT = (line: AgentLine) => {
      if (line.verb === 'T') transcript.push(line.payload);
    };
    const finish = (reply: AgentLine): boolean => {
      if (reply.verb === 'DONE') {
        cycles.push(Number(parseFields(reply.payload).cycles ?? 0));
        return true;
      }
      if (reply.verb === 'FATAL') {
        transcript.push(`fatal ${reply.payload}`);
        return false;
      }
      if (reply.verb === 'ERR') throw new AgentCommandError(reply.payload.split(' ')[0] ?? '', reply.payload);
      throw new AgentProtocolError(`unexpected ${reply.verb} ${reply.payload}`);
    };
    const long = { timeoutMs: this.o.callTimeoutMs, onLine: onT };
    for (const step of steps) {
      let go = true;
      switch (step.kind) {
        case 'call':
          go = finish(await this.exchange('CALL', `${step.exportId} ${encodeArgs(step.args)}`, long));
          break;
        case 'gas':
          await this.command('GAS', String(step.limit));
          break;
        case 'gc':
          go = finish(await this.exchange('GC', undefined, long));
          break;
        case 'heap':
          go = finish(await this.exchange('HEAP', undefined, long));
          break;
        case 'snapshot': {
          const parts: Buffer[] = [];
          let header = '';
          const reply = await this.exchange('SNAP', undefined, {
            timeoutMs: this.o.callTimeoutMs,
            onLine: (line) => {
              if (line.verb === 'T') {
                header = line.payload;
                transcript.push(line.payload);
              } else if (line.verb === 'SDATA') {
                const [off, data = ''] = line.payload.split(' ');
                if (Number(off) !== parts.reduce((n, p) => n + p.length, 0)) throw new AgentProtocolError(`SDATA out of order at ${off}`);
                parts.push(Buffer.from(data, 'base64'));
              }
            },
          });
          const bytes = new Uint8Array(Buffer.concat(parts));
          const [, size, crc] = header.split(' ');
          if (Number(size) !== bytes.length || crc32(bytes).toString(16).padStart(8, '0') !== crc) {
            throw new AgentProtocolError(`snapshot bytes do not match "${header}"`);
          }
          snapshots.push(bytes);
          go = finish(reply);
          break;
        }
      }
      if (!go) break; // a fatal error ends the scenario (as on every target)
    }
    return { transcript, snapshots, cycles };
  }

  /** Memory statistics (`STATS`). */
  async stats(): Promise<Record<string, number>> {
    const reply = await this.command('STATS');
    return Object.fromEntries(Object.entries(parseFields(reply.payload)).map(([k, v]) => [k, Number(v)]));
  }

  async close(): Promise<void> {
    await this.transport.close();
  }
}
