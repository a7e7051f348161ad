import { describe, expect, it } from 'vitest';
import { parseHardwareMap } from '../resources/hardware-map.js';
import { DEFAULT_PIO, formatDoctor, runDoctor, type DoctorProbe } from './doctor.js';

/** A made-up machine: `have` maps command → version line. */
function probe(have: Record<string, string>, extra: Partial<DoctorProbe> = {}): DoctorProbe {
  const path = (cmd: string) => (cmd.includes('/') ? cmd : `/usr/bin/${cmd}`);
  return {
    which: async (cmd) => (have[cmd] !== undefined ? path(cmd) : undefined),
    version: async (cmd) => have[cmd] ?? have[cmd.replace('/usr/bin/', '')],
    groups: async () => ['lab'],
    canOpen: async () => true,
    listPorts: async () => [],
    uid: 1000,
    ...extra,
  };
}

const everything = {
  [DEFAULT_PIO]: 'PlatformIO Core, version 6.1.19',
  'clang-19': 'Debian clang version 19.1.7',
  'arm-none-eabi-gcc': 'arm-none-eabi-gcc (15:12.2.rel1-1) 12.2.1',
  'riscv64-unknown-elf-gcc': 'riscv64-unknown-elf-gcc () 12.2.0',
  'qemu-system-arm': 'QEMU emulator version 7.2.19',
  'qemu-system-riscv32': 'QEMU emulator version 7.2.19',
  udevadm: 'udevadm 252',
};

describe('hil doctor', () => {
  it('passes on a complete machine', async () => {
    const checks = await runDoctor(probe(everything));
    const { text, exitCode } = formatDoctor(checks);
    expect(exitCode).toBe(0);
    expect(text).toContain('[ok  ] pio: ' + DEFAULT_PIO + ': PlatformIO Core, version 6.1.19');
    expect(text).toContain('all required items present');
  });

  it('names what is missing and how to fix it, and exits non-zero', async () => {
    const { [DEFAULT_PIO]: _pio, 'qemu-system-riscv32': _q, ...rest } = everything;
    const { text, exitCode } = formatDoctor(await runDoctor(probe(rest)));
    expect(exitCode).toBe(1);
    expect(text).toMatch(/\[MISS\] pio: not found\n\s+fix: bash scripts\/setup.sh/);
    expect(text).toMatch(/\[MISS\] qemu-system-riscv32: not found on PATH\n\s+fix: apt-get install qemu-system-misc/);
    expect(text).toContain('2 required item(s) missing: pio, qemu-system-riscv32');
  });

  it('warns about an unpinned pio on PATH', async () => {
    const { [DEFAULT_PIO]: _pio, ...rest } = everything;
    const checks = await runDoctor(probe({ ...rest, pio: 'PlatformIO Core, version 6.1.16' }));
    expect(checks.find((c) => c.name === 'pio')).toMatchObject({ status: 'warn', fix: expect.stringContaining('pins PlatformIO 6.1.19') });
  });

  it('only requires what the hardware map needs; physical boards need dialout, udevadm and their port', async () => {
    const map = parseHardwareMap(`
version: 1
boards:
  - { name: nucleo, kind: nucleo-f446re, pio: { project: p, environment: e }, port: { serialNumber: "X1" } }
  - { name: esp, kind: esp32dev, pio: { project: p, environment: e }, port: { path: /dev/ttyUSB9 } }
`);
    const { 'qemu-system-riscv32': _q, udevadm: _u, ...rest } = everything;
    const checks = await runDoctor(
      probe(rest, {
        listPorts: async () => {
          throw new Error('cannot list: udevadm is missing');
        },
        canOpen: async (p) => p !== '/dev/ttyUSB9',
      }),
      { map },
    );
    const by = Object.fromEntries(checks.map((c) => [c.name, c]));
    expect(by['qemu-system-riscv32']).toMatchObject({ status: 'warn', required: false });
    expect(by['udevadm']).toMatchObject({ status: 'missing', required: true });
    expect(by['dialout group']).toMatchObject({ status: 'missing', fix: expect.stringMatching(/usermod -aG dialout/) });
    expect(by['port nucleo']).toMatchObject({ status: 'missing', detail: 'cannot list: udevadm is missing' });
    expect(by['port esp']).toMatchObject({ status: 'missing', detail: expect.stringContaining('cannot be opened') });
    expect(formatDoctor(checks).exitCode).toBe(1);
  });

  it('root needs no dialout group', async () => {
    const checks = await runDoctor(probe(everything, { uid: 0 }));
    expect(checks.find((c) => c.name === 'dialout group')).toMatchObject({ status: 'ok', detail: 'running as root' });
  });
});
