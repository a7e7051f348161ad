/**
 * Emulated boards: QEMU with the UART on a pty that node-serialport opens,
 * the monitor on stdio, started paused (`-S`) so nothing the firmware prints
 * before the pty is open is lost, then `cont`. Semihosting lets the firmware
 * exit with a status. Never plain -nographic (it eats 0x01 bytes).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AgentTimeoutError, TransportClosedError } from './errors.js';
import { serialTransport } from './serial-transport.js';
import type { Transport } from './transport.js';

export interface QemuMachine {
  /** The board name the firmware announces (`board=` in its banner). */
  board: string;
  binary: string;
  machine: string;
  /** Which `-serial` the agent's UART is (netduinoplus2: USART2 is the second). */
  serialIndex: number;
  extraArgs: string[];
  /** PlatformIO project (under firmware/) and environment that build it. */
  project: string;
  env: string;
}

const semihosting = ['-semihosting-config', 'enable=on,target=native'];

/** The emulated boards CI runs. */
export const qemuMachines = {
  'mps2-an385': {
    board: 'qemu-mps2-an385', binary: 'qemu-system-arm', machine: 'mps2-an385', serialIndex: 0,
    extraArgs: semihosting, project: 'arm-cortex-m', env: 'qemu_mps2_an385',
  },
  'mps2-an500': {
    board: 'qemu-mps2-an500', binary: 'qemu-system-arm', machine: 'mps2-an500', serialIndex: 0,
    extraArgs: semihosting, project: 'arm-cortex-m', env: 'qemu_mps2_an500',
  },
  netduinoplus2: {
    board: 'qemu-netduinoplus2', binary: 'qemu-system-arm', machine: 'netduinoplus2', serialIndex: 1,
    extraArgs: semihosting, project: 'arm-cortex-m', env: 'qemu_netduinoplus2',
  },
  'riscv32-virt': {
    board: 'qemu-riscv32-virt', binary: 'qemu-system-riscv32', machine: 'virt', serialIndex: 0,
    extraArgs: ['-bios', 'none'], project: 'esp32', env: 'qemu_riscv32_virt',
  },
} satisfies Record<string, QemuMachine>;

export type QemuMachineName = keyof typeof qemuMachines;

const firmwareDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'firmware');

/** Where `pio run` (firmware/scripts/build.mjs) puts the machine's image. */
export function firmwareImage(machine: QemuMachine, root = firmwareDir): string {
  return join(root, machine.project, '.pio', 'build', machine.env, 'firmware.elf');
}

export interface QemuOptions {
  machine: QemuMachine;
  /** The ELF to run; default: {@link firmwareImage}. */
  kernel?: string;
  /** How long to wait for QEMU's pty line. Default 10 s. */
  startTimeoutMs?: number;
  /** More QEMU arguments, e.g. `-icount shift=0` for exact instruction counts. */
  extraArgs?: readonly string[];
}

export interface QemuInstance {
  readonly transport: Transport;
  /** Sends a monitor command (e.g. `system_reset`). */
  monitor(command: string): Promise<void>;
  /** Resets the emulated board (like pressing its reset button). */
  reset(): Promise<void>;
  /** Quits QEMU. */
  stop(): Promise<void>;
  /** QEMU's exit status once it has exited (semihosting exit), else undefined. */
  readonly exitCode: number | null | undefined;
}

export async function launchQemu(options: QemuOptions): Promise<QemuInstance> {
  const m = options.machine;
  const kernel = options.kernel ?? firmwareImage(m);
  if (!existsSync(kernel)) throw new TransportClosedError(`no firmware image at ${kernel} (run pnpm build in firmware/)`);
  const serials: string[] = [];
  for (let i = 0; i < m.serialIndex; i++) serials.push('-serial', 'null');
  serials.push('-serial', 'chardev:ser0');
  const args = [
    '-M', m.machine,
    '-display', 'none',
    '-chardev', 'pty,id=ser0',
    ...serials,
    '-monitor', 'stdio',
    '-S',
    ...m.extraArgs,
    ...(options.extraArgs ?? []),
    '-kernel', kernel,
  ];
  const child: ChildProcess = spawn(m.binary, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  // A QEMU that died (killed, crashed) must not take the harness with it
  // through an EPIPE on its monitor.
  child.stdin!.on('error', () => {});
  let output = '';
  let exitCode: number | null | undefined;
  const exited = new Promise<void>((resolve) =>
    child.on('close', (code) => {
      exitCode = code;
      resolve();
    }),
  );
  const ptyPath = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new AgentTimeoutError(`${m.binary} -M ${m.machine}: no pty after ${options.startTimeoutMs ?? 10_000} ms`, [output])),
      options.startTimeoutMs ?? 10_000,
    );
    const onData = (d: Buffer) => {
      output += d.toString();
      const found = /char device redirected to (\S+) \(label ser0\)/.exec(output);
      if (found) {
        clearTimeout(timer);
        resolve(found[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new TransportClosedError(`${m.binary}: ${e.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      reject(new TransportClosedError(`${m.binary} exited with ${code} before its pty was ready:\n${output}`));
    });
  });
  const serial = serialTransport({ path: ptyPath, keepControlLines: true });
  const monitor = async (command: string) => {
    if (exitCode !== undefined) throw new TransportClosedError(`${m.binary} has exited (${exitCode})`);
    await new Promise<void>((resolve, reject) => child.stdin!.write(`${command}\n`, (e) => (e ? reject(e) : resolve())));
  };
  let started = false;
  const transport: Transport = {
    description: `qemu ${m.machine} (${ptyPath})`,
    async open() {
      await serial.open();
      if (!started) {
        started = true;
        await monitor('cont');
      }
    },
    write: (data) => serial.write(data),
    lines: () => serial.lines(),
    close: () => serial.close(),
  };
  return {
    transport,
    monitor,
    reset: () => monitor('system_reset'),
    async stop() {
      await serial.close().catch(() => {});
      if (exitCode === undefined) {
        if (child.exitCode === null && child.signalCode === null) child.stdin!.write('quit\n');
        const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
        await exited;
        clearTimeout(timer);
      }
    },
    get exitCode() {
      return exitCode;
    },
  };
}
