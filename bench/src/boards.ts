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
 * The boards are driven by @mvtk/hil exactly as `hil run` drives them (its
 * QEMU machine table, its agent client over the board's UART), with QEMU's
 * `-icount shift=0` added.
 */
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { qemuMachineFor, qemuTarget, type QemuMachine, type QemuMachineName } from '@mvtk/hil';
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

async function machineFor(kind: BoardKind): Promise<QemuMachine> {
  return qemuMachineFor(kind);
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
  let target: Awaited<ReturnType<typeof qemuTarget>>;
  try {
    // No default instruction limit: the guests are long on purpose.
    target = await qemuTarget(kind.replace(/^qemu-/, '') as QemuMachineName, { kernel: elf, qemuArgs: ['-icount', 'shift=0'], defaultGas: 'off' });
  } catch (e) {
    run.unavailable = (e as Error).message.slice(0, 200);
    run.seconds = (Date.now() - t0) / 1000;
    return run;
  }
  try {
    const banner = await target.client.connect();
    run.cpu = banner.cpu;
    run.bannerClockHz = banner.clockHz;
    const counterHz = qemuCounterHz[m.machine] ?? banner.clockHz;
    run.counterHz = counterHz;
    for (const g of guests) {
      try {
        const { transcript, cycles } = await target.client.run(g.bytes, [{ kind: 'call', exportId: 1, args: [g.n] }]);
        const ret = transcript.find((l) => l.startsWith('return '));
        if (!ret) throw new Error(transcript.join(' | ') || 'no result');
        run.guests[g.name] = { result: Number(ret.slice(7)), cycles: cycles[0], instructions: (cycles[0]! * 1e9) / counterHz };
      } catch (e) {
        run.guests[g.name] = { error: (e as Error).message.slice(0, 160) };
      }
    }
  } catch (e) {
    run.unavailable = (e as Error).message.slice(0, 200);
  } finally {
    await target.close();
  }
  run.seconds = (Date.now() - t0) / 1000;
  return run;
}
