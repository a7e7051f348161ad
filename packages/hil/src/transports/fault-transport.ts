/**
 * A fault-injecting transport wrapper for failure-path tests: drops,
 * duplicates and corrupts bytes at configurable rates (seeded, so a failing
 * test replays), stalls, and makes the port disappear and come back. A board
 * reset mid-case is the board's business ({@link VirtualBoard.reset}); the
 * wrapper can trigger it after N bytes through `resetAfterBytes`.
 *
 * Faults apply to the direction(s) chosen with `direction`. Every injected
 * fault is counted in {@link FaultyTransport.stats}, so tests can check that
 * faults really happened.
 */
import { Listeners, TransportDisconnectedError, type ByteTransport } from './byte-transport.js';

export interface FaultConfig {
  /** Probability per byte of dropping it. */
  drop?: number;
  /** Probability per byte of sending it twice. */
  duplicate?: number;
  /** Probability per byte of flipping one of its bits. */
  corrupt?: number;
  /** `rx`: board → host, `tx`: host → board, `both`. */
  direction?: 'rx' | 'tx' | 'both';
  /** PRNG seed (default 1). */
  seed?: number;
  /** Called once after this many bytes went through (both directions): e.g. reset the board mid-case. */
  resetAfterBytes?: number;
  onReset?: () => void;
}

export interface FaultStats {
  bytes: number;
  dropped: number;
  duplicated: number;
  corrupted: number;
  resets: number;
  disconnects: number;
}

/** mulberry32: a tiny deterministic PRNG. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class FaultyTransport implements ByteTransport {
  readonly stats: FaultStats = { bytes: 0, dropped: 0, duplicated: 0, corrupted: 0, resets: 0, disconnects: 0 };
  private config: FaultConfig;
  private random: () => number;
  private data = new Listeners<[Uint8Array]>();
  private closed = new Listeners<[Error | undefined]>();
  private stalled = false;
  private held: Uint8Array[] = [];
  private gone = false;
  private unsubscribe: Array<() => void>;

  constructor(
    private readonly inner: ByteTransport,
    config: FaultConfig = {},
  ) {
    this.config = config;
    this.random = prng(config.seed ?? 1);
    this.unsubscribe = [
      inner.onData((chunk) => {
        if (this.gone) return;
        const out = this.mangle(chunk, 'rx');
        if (out.length === 0) return;
        if (this.stalled) this.held.push(out);
        else this.data.emit(out);
      }),
      inner.onClose((e) => this.closed.emit(e)),
    ];
  }

  get isOpen(): boolean {
    return this.inner.isOpen && !this.gone;
  }

  /** Changes the fault rates from now on. */
  configure(config: FaultConfig): void {
    this.config = { ...config };
    if (config.seed !== undefined) this.random = prng(config.seed);
  }

  private applies(dir: 'rx' | 'tx'): boolean {
    const d = this.config.direction ?? 'both';
    return d === 'both' || d === dir;
  }

  private mangle(chunk: Uint8Array, dir: 'rx' | 'tx'): Uint8Array {
    const out: number[] = [];
    for (const byte of chunk) {
      this.stats.bytes++;
      if (this.config.resetAfterBytes !== undefined && this.stats.bytes === this.config.resetAfterBytes) {
        this.stats.resets++;
        this.config.onReset?.();
      }
      if (!this.applies(dir)) {
        out.push(byte);
        continue;
      }
      const { drop = 0, duplicate = 0, corrupt = 0 } = this.config;
      if (drop && this.random() < drop) {
        this.stats.dropped++;
        continue;
      }
      let b = byte;
      if (corrupt && this.random() < corrupt) {
        b ^= 1 << Math.floor(this.random() * 8);
        this.stats.corrupted++;
      }
      out.push(b);
      if (duplicate && this.random() < duplicate) {
        out.push(b);
        this.stats.duplicated++;
      }
    }
    return Uint8Array.from(out);
  }

  async write(data: Uint8Array): Promise<void> {
    if (this.gone) throw new TransportDisconnectedError('the port disappeared');
    const out = this.mangle(data, 'tx');
    if (out.length) await this.inner.write(out);
  }

  onData(l: (chunk: Uint8Array) => void) {
    return this.data.add(l);
  }
  onClose(l: (error?: Error) => void) {
    return this.closed.add(l);
  }

  /** Holds incoming bytes until {@link resume} (a board that stops answering). */
  stall(): void {
    this.stalled = true;
  }
  resume(): void {
    this.stalled = false;
    const held = this.held;
    this.held = [];
    for (const c of held) this.data.emit(c);
  }

  /**
   * The port disappears (USB unplugged, a native-USB board re-enumerating):
   * listeners are told, writes fail, and incoming bytes are lost until
   * {@link reappear}.
   */
  disappear(): void {
    if (this.gone) return;
    this.gone = true;
    this.stats.disconnects++;
    this.closed.emit(new TransportDisconnectedError('the port disappeared'));
  }
  reappear(): void {
    this.gone = false;
  }
  get present(): boolean {
    return !this.gone;
  }

  async close(): Promise<void> {
    for (const u of this.unsubscribe) u();
    await this.inner.close();
  }
}
