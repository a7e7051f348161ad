/**
 * `hil doctor`: checks what a lab run needs (toolchains, PlatformIO, QEMU,
 * serial ports and permission to open them) and says how to fix what is
 * missing. Everything the checks look at comes through {@link DoctorProbe},
 * so tests run them against made-up machines.
 */
import { execFile } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import { homedir, userInfo } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { isEmulatedKind, type HardwareMap } from '../resources/hardware-map.js';
import { resolvePort, type ListPorts } from '../resources/ports.js';

export const PIO_VERSION = '6.1.19';
export const DEFAULT_PIO = join(homedir(), '.cache', 'mvtk', `pio-${PIO_VERSION}`, 'bin', 'pio');

export interface DoctorProbe {
  /** Absolute path of an executable on PATH (or the given path if executable), or undefined. */
  which(cmd: string): Promise<string | undefined>;
  /** First line of `cmd args` output, or undefined if it failed. */
  version(cmd: string, args: string[]): Promise<string | undefined>;
  /** Group names of the current user. */
  groups(): Promise<string[]>;
  /** Whether the current process may read and write `path`. */
  canOpen(path: string): Promise<boolean>;
  listPorts: ListPorts;
  uid: number;
}

export type CheckStatus = 'ok' | 'missing' | 'warn';
export interface Check {
  name: string;
  status: CheckStatus;
  required: boolean;
  detail: string;
  /** How to fix it, when not ok. */
  fix?: string;
}

const execFileP = promisify(execFile);

export function systemProbe(listPorts: ListPorts): DoctorProbe {
  return {
    async which(cmd) {
      const candidates = cmd.includes('/') ? [cmd] : (process.env.PATH ?? '').split(delimiter).map((d) => join(d, cmd));
      for (const c of candidates) {
        try {
          await access(c, constants.X_OK);
          return c;
        } catch {
          /* next */
        }
      }
      return undefined;
    },
    async version(cmd, args) {
      try {
        const { stdout, stderr } = await execFileP(cmd, args, { timeout: 20_000 });
        return (stdout || stderr).split('\n')[0]?.trim();
      } catch {
        return undefined;
      }
    },
    async groups() {
      try {
        const { stdout } = await execFileP('id', ['-Gn']);
        return stdout.trim().split(/\s+/);
      } catch {
        return [];
      }
    },
    async canOpen(path) {
      try {
        await access(path, constants.R_OK | constants.W_OK);
        return true;
      } catch {
        return false;
      }
    },
    listPorts,
    uid: process.getuid?.() ?? -1,
  };
}

interface Tool {
  name: string;
  cmd: string;
  args: string[];
  fix: string;
  needed: (need: Needs) => boolean;
}
interface Needs {
  arm: boolean;
  riscv: boolean;
  qemuArm: boolean;
  qemuRiscv: boolean;
  physical: boolean;
}

const TOOLS: Tool[] = [
  { name: 'clang-19 (WASM runtime)', cmd: 'clang-19', args: ['--version'], fix: 'apt-get install clang-19 lld-19 llvm-19', needed: () => true },
  { name: 'arm-none-eabi-gcc', cmd: 'arm-none-eabi-gcc', args: ['--version'], fix: 'apt-get install gcc-arm-none-eabi libnewlib-arm-none-eabi libstdc++-arm-none-eabi-newlib', needed: (n) => n.arm },
  { name: 'riscv64-unknown-elf-gcc', cmd: 'riscv64-unknown-elf-gcc', args: ['--version'], fix: 'apt-get install gcc-riscv64-unknown-elf picolibc-riscv64-unknown-elf', needed: (n) => n.riscv },
  { name: 'qemu-system-arm', cmd: 'qemu-system-arm', args: ['--version'], fix: 'apt-get install qemu-system-arm', needed: (n) => n.qemuArm },
  { name: 'qemu-system-riscv32', cmd: 'qemu-system-riscv32', args: ['--version'], fix: 'apt-get install qemu-system-misc', needed: (n) => n.qemuRiscv },
];

export interface DoctorOptions {
  map?: HardwareMap;
  /** Path to pio; defaults to the one scripts/setup.sh installs, then PATH. */
  pio?: string;
}

export async function runDoctor(probe: DoctorProbe, opts: DoctorOptions = {}): Promise<Check[]> {
  const boards = opts.map?.boards.filter((b) => b.enabled);
  const all = !boards; // without a map, check for everything
  const kinds = new Set(boards?.map((b) => b.kind));
  const need: Needs = {
    arm: all || ['nucleo-f446re', 'qemu-netduinoplus2', 'qemu-mps2-an385', 'qemu-mps2-an500'].some((k) => kinds.has(k as any)),
    riscv: all || kinds.has('qemu-riscv32-virt') || kinds.has('esp32-c3'),
    qemuArm: all || ['qemu-netduinoplus2', 'qemu-mps2-an385', 'qemu-mps2-an500'].some((k) => kinds.has(k as any)),
    qemuRiscv: all || kinds.has('qemu-riscv32-virt'),
    physical: !!boards?.some((b) => !isEmulatedKind(b.kind)),
  };
  const checks: Check[] = [];
  const major = Number(process.versions.node.split('.')[0]);
  checks.push({
    name: 'node',
    status: major >= 20 ? 'ok' : 'missing',
    required: true,
    detail: `v${process.versions.node}`,
    ...(major >= 20 ? {} : { fix: 'install Node.js 20 or later' }),
  });

  // PlatformIO: the pinned one from scripts/setup.sh, else whatever is on PATH.
  const pio = opts.pio ? await probe.which(opts.pio) : ((await probe.which(DEFAULT_PIO)) ?? (await probe.which('pio')));
  const pioVersion = pio ? await probe.version(pio, ['--version']) : undefined;
  if (!pio || !pioVersion) {
    checks.push({ name: 'pio', status: 'missing', required: true, detail: pio ? `${pio} does not run` : 'not found', fix: 'bash scripts/setup.sh (installs PlatformIO ' + PIO_VERSION + ')' });
  } else {
    const pinned = pioVersion.includes(PIO_VERSION);
    checks.push({ name: 'pio', status: pinned ? 'ok' : 'warn', required: true, detail: `${pio}: ${pioVersion}`, ...(pinned ? {} : { fix: `the project pins PlatformIO ${PIO_VERSION}: bash scripts/setup.sh` }) });
  }

  for (const t of TOOLS) {
    const required = t.needed(need);
    const path = await probe.which(t.cmd);
    const v = path ? await probe.version(path, t.args) : undefined;
    if (path && v) checks.push({ name: t.name, status: 'ok', required, detail: v });
    else checks.push({ name: t.name, status: required ? 'missing' : 'warn', required, detail: path ? `${path} does not run` : 'not found on PATH', fix: t.fix });
  }

  // Serial ports: listing needs udevadm; opening needs the dialout group (or root).
  const udevadm = await probe.which('udevadm');
  checks.push({
    name: 'udevadm',
    status: udevadm ? 'ok' : need.physical ? 'missing' : 'warn',
    required: need.physical,
    detail: udevadm ?? 'not found: serial port listing (and VID/PID or serial-number lookup) fails',
    ...(udevadm ? {} : { fix: 'apt-get install udev (or give boards explicit `port: { path: ... }`)' }),
  });
  const groups = await probe.groups();
  const inDialout = probe.uid === 0 || groups.includes('dialout');
  const user = safeUser();
  checks.push({
    name: 'dialout group',
    status: inDialout ? 'ok' : need.physical ? 'missing' : 'warn',
    required: need.physical,
    detail: probe.uid === 0 ? 'running as root' : inDialout ? `${user} is in dialout` : `${user} is not in dialout (groups: ${groups.join(' ') || 'none'})`,
    ...(inDialout ? {} : { fix: `sudo usermod -aG dialout ${user}, then log in again` }),
  });

  for (const b of boards ?? []) {
    if (isEmulatedKind(b.kind)) continue;
    try {
      const path = await resolvePort(b, probe.listPorts);
      const ok = await probe.canOpen(path);
      checks.push({
        name: `port ${b.name}`,
        status: ok ? 'ok' : 'missing',
        required: true,
        detail: ok ? path : `${path} exists but cannot be opened for reading and writing`,
        ...(ok ? {} : { fix: `check permissions of ${path} (dialout group) and that no other program holds it` }),
      });
    } catch (error) {
      checks.push({ name: `port ${b.name}`, status: 'missing', required: true, detail: (error as Error).message, fix: 'plug the board in, or fix its port locator (`hil boards discover` lists ports)' });
    }
  }
  return checks;
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? 'the current user';
  }
}

/** Human-readable report; returns the exit code (1 when something required is missing). */
export function formatDoctor(checks: readonly Check[]): { text: string; exitCode: number } {
  const mark = { ok: 'ok  ', missing: 'MISS', warn: 'warn' } as const;
  const lines = checks.map((c) => {
    const line = `[${mark[c.status]}] ${c.name}: ${c.detail}`;
    return c.status === 'ok' || !c.fix ? line : `${line}\n         fix: ${c.fix}`;
  });
  const missing = checks.filter((c) => c.status === 'missing' && c.required);
  lines.push(missing.length ? `\n${missing.length} required item(s) missing: ${missing.map((c) => c.name).join(', ')}` : '\nall required items present');
  return { text: lines.join('\n'), exitCode: missing.length ? 1 : 0 };
}
