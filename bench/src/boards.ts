/**
 * Emulated boards: the firmware agent (firmware/PROTOCOL.md) in QEMU with
 * `-icount shift=0`, so the virtual clock advances exactly 1 ns per guest
 * instruction. The agent times each CALL with its cycle counter (SysTick on
 * the core clock on Cortex-M, mtime on RISC-V virt), so
 *
 *   instructions = cycles * 1e9 / counter_hz
 *
 * exactly, to the counter's resolution (1e9 / counter_hz instructions: 40 at
 * 25 MHz, 6 at 168 MHz, 100 at 10 MHz), and the figure is the same on every
 * run. counter_hz is the rate QEMU runs the counter at (below), which is not
 * always the `clock=` the agent announces: QEMU's netduinoplus2 clocks the
 * STM32F405 at 168 MHz while the firmware, written for the real board's
 * 16 MHz HSI, says 16 MHz.
 *
 * The machines (QEMU binary, machine, which serial, PlatformIO environment)
 * come from @mvtk/hil (`qemuMachineFor`). The UART is QEMU's stdio here, not
 * a pty: the protocol is text (base64 for binary), so nothing needs the pty's
 * transparency, and no serial library is involved.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { crc32 } from 'node:zlib';
import { firmwareDir, repoDir } from './paths.js';

export const boardKinds = ['qemu-mps2-an385', 'qemu-netduinoplus2', 'qemu-mps2-an500', 'qemu-riscv32-virt'] as const;
export type BoardKind = (typeof boardKinds)[number];

/**
 * The counter rate of each QEMU machine (QEMU 7.2: mps2 SYSCLK 25 MHz,
 * stm32f405 SYSCLK 168 MHz, RISC-V ACLINT mtime 10 MHz). Cross-checked: with
 * these, Cortex-M3 (mps2-an385) and Cortex-M4 (netduinoplus2) run the same
 * Thumb-2 guests in the same number of instructions within 3%.
 */
const qemuCounterHz: Record<string, number> = {
  'mps2-an385': 25_000_000,
  'mps2-an386': 25_000_000,
  'mps2-an500': 25_000_000,
  netduinoplus2: 168_000_000,
  virt: 10_000_000,
};

interface QemuMachine {
  board: string;
  binary: string;
  machine: string;
  serialIndex: number;
  extraArgs: string[];
  project: string;
  env: string;
}

export interface BoardRun {
  kind: BoardKind;
  cpu?: string;
  /** The counter rate used for the conversion, and what the agent announced. */
  counterHz?: number;
  bannerClockHz?: number;
  elf?: string;
  /** Why it did not run, if it did not. */
  unavailable?: string;
  /** Per guest: the returned value and the instructions of the CALL. */
  guests: Record<string, { result?: number; instructions?: number; cycles?: number; error?: string }>;
  seconds: number;
}

/** CRC-16/CCITT-FALSE of a line's bytes (the protocol's line check). */
function crc16(text: string): number {
  let crc = 0xffff;
  for (const byte of Buffer.from(text, 'utf8')) {
    crc ^= byte << 8;
    for (let i = 0; i < 8; i++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc;
}

class Agent {
  private buffer = '';
  private lines: string[] = [];
  private waiter: (() => void) | undefined;
  private seq = 0;
  private exited: string | undefined;
  banner: Record<string, string> = {};

  constructor(private readonly child: ChildProcess) {
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (d: string) => {
      this.buffer += d;
      let i;
      while ((i = this.buffer.indexOf('\n')) >= 0) {
        const line = this.buffer.slice(0, i).replace(/\r$/, '');
        this.buffer = this.buffer.slice(i + 1);
        if (line) this.lines.push(line);
      }
      this.waiter?.();
    });
    let err = '';
    child.stderr!.on('data', (d) => (err += d));
    child.on('close', (code) => {
      this.exited = `QEMU exited (${code}) ${err.trim().split('\n').pop() ?? ''}`;
      this.waiter?.();
    });
  }

  private async next(deadline: number, what: string): Promise<string> {
    for (;;) {
      const line = this.lines.shift();
      if (line !== undefined) return line;
      if (this.exited) throw new Error(`${this.exited} while waiting for ${what}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no answer to ${what}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiter = () => {
          clearTimeout(t);
          resolve();
        };
      });
      this.waiter = undefined;
    }
  }

  /** Waits for the READY banner, sending HELLO until it comes. */
  async connect(timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let lastHello = Date.now();
    for (;;) {
      let line: string;
      try {
        line = await this.next(Math.min(deadline, Date.now() + 1500), 'READY');
      } catch (e) {
        if (Date.now() >= deadline || this.exited) throw e;
        if (Date.now() - lastHello > 1000) {
          this.child.stdin!.write('\nHELLO\n');
          lastHello = Date.now();
        }
        continue;
      }
      const m = /^\d+ READY (.*) \*[0-9a-f]{4}$/.exec(line);
      if (m) {
        this.banner = Object.fromEntries(m[1]!.split(' ').map((kv) => kv.split('=') as [string, string]));
        return;
      }
    }
  }

  /** Sends a command; returns the terminal reply [verb, payload], collecting `T` lines. */
  async command(verb: string, payload: string | undefined, timeoutMs: number, transcript?: string[]): Promise<[string, string]> {
    this.seq = (this.seq % 65535) + 1;
    const seq = this.seq;
    const body = `${seq} ${verb}${payload !== undefined ? ` ${payload}` : ''}`;
    this.child.stdin!.write(`${body} *${crc16(body).toString(16).padStart(4, '0')}\n`);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const line = await this.next(deadline, verb);
      if (line.startsWith('#')) continue;
      const m = /^(\d+) (\S+)(?: (.*))? \*([0-9a-f]{4})$/.exec(line);
      if (!m) continue;
      const [, s, v, p = ''] = m;
      if (Number(s) !== seq) continue;
      if (v === 'T') {
        transcript?.push(p);
        continue;
      }
      if (v === 'SDATA') continue;
      return [v!, p];
    }
  }
}

async function machineFor(kind: BoardKind): Promise<QemuMachine> {
  const hil = (await import('@mvtk/hil')) as { qemuMachineFor?: (k: string) => QemuMachine };
  if (!hil.qemuMachineFor) throw new Error('@mvtk/hil has no qemuMachineFor');
  return hil.qemuMachineFor(kind);
}

export function firmwareElf(m: Pick<QemuMachine, 'project' | 'env'>): string {
  return join(firmwareDir, m.project, '.pio', 'build', m.env, 'firmware.elf');
}

/** Runs each guest's export 1 once with its `countN` on one emulated board. */
export async function runBoard(kind: BoardKind, guests: { name: string; n: number; bytes: Uint8Array }[]): Promise<BoardRun> {
  const t0 = Date.now();
  const run: BoardRun = { kind, guests: {}, seconds: 0 };
  let m: QemuMachine;
  try {
    m = await machineFor(kind);
  } catch (e) {
    run.unavailable = `no machine table: ${(e as Error).message}`;
    return run;
  }
  const elf = firmwareElf(m);
  run.elf = relative(repoDir, elf);
  if (!existsSync(elf)) {
    run.unavailable = `firmware not built (${elf.replace(firmwareDir, 'firmware')}; pnpm --filter @mvtk/firmware-${m.project} build)`;
    return run;
  }
  const serials: string[] = [];
  for (let i = 0; i < m.serialIndex; i++) serials.push('-serial', 'null');
  const args = [
    '-M', m.machine, '-display', 'none', '-monitor', 'none',
    '-chardev', 'stdio,id=ser0,signal=off', ...serials, '-serial', 'chardev:ser0',
    ...m.extraArgs, '-icount', 'shift=0', '-kernel', elf,
  ];
  let child: ChildProcess;
  try {
    child = spawn(m.binary, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  } catch (e) {
    run.unavailable = `${m.binary}: ${(e as Error).message}`;
    return run;
  }
  const spawnError = new Promise<never>((_, reject) => child.on('error', (e) => reject(new Error(`${m.binary}: ${e.message}`))));
  spawnError.catch(() => undefined);
  const agent = new Agent(child);
  try {
    await Promise.race([agent.connect(), spawnError]);
    run.cpu = agent.banner.cpu;
    run.bannerClockHz = Number(agent.banner.clock);
    const counterHz = qemuCounterHz[m.machine] ?? run.bannerClockHz;
    run.counterHz = counterHz;
    const chunk = Number(agent.banner.chunk) || 512;
    const image = Number(agent.banner.image) || 16384;
    await agent.command('LIMIT', 'off', 10_000);
    for (const g of guests) {
      try {
        if (g.bytes.length > image) throw new Error(`snapshot ${g.bytes.length} B > the agent's ${image} B`);
        const crc = crc32(g.bytes).toString(16).padStart(8, '0');
        const [v, p] = await agent.command('LOAD', `${g.bytes.length} ${crc}`, 10_000);
        if (v !== 'OK') throw new Error(`LOAD: ${v} ${p}`);
        if (p === 'send') {
          for (let off = 0; off < g.bytes.length; ) {
            const part = Buffer.from(g.bytes.subarray(off, off + chunk)).toString('base64');
            const [av, ap] = await agent.command('CHUNK', `${off} ${part}`, 10_000);
            if (av === 'ACK') off = Number(ap);
            else if (av === 'NAK' && ap.startsWith('E_OFFSET')) off = Number(ap.split(' ')[1]);
            else if (av !== 'NAK') throw new Error(`CHUNK: ${av} ${ap}`);
          }
        }
        const [rv, rp] = await agent.command('RESTORE', undefined, 30_000);
        if (rv !== 'OK') throw new Error(`RESTORE: ${rv} ${rp}`);
        const transcript: string[] = [];
        const [cv, cp] = await agent.command('CALL', `1 [${g.n}]`, 180_000, transcript);
        if (cv !== 'DONE') throw new Error(`CALL: ${cv} ${cp}`);
        const cycles = Number(/cycles=(\d+)/.exec(cp)?.[1]);
        const ret = transcript.find((l) => l.startsWith('return '));
        if (!ret) throw new Error(transcript.join(' | ') || 'no result');
        run.guests[g.name] = { result: Number(ret.slice(7)), cycles, instructions: (cycles * 1e9) / counterHz };
      } catch (e) {
        run.guests[g.name] = { error: (e as Error).message.slice(0, 160) };
      }
    }
  } catch (e) {
    run.unavailable = (e as Error).message.slice(0, 200);
  } finally {
    child.kill('SIGKILL');
  }
  run.seconds = (Date.now() - t0) / 1000;
  return run;
}
