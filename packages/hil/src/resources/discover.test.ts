import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { classifyPorts, starterMap } from './discover.js';
import { parseHardwareMap } from './hardware-map.js';
import { explainListError, PortNotFoundError, resolvePort, type PortInfo } from './ports.js';

const attached: PortInfo[] = [
  { path: '/dev/ttyACM0', vendorId: '0483', productId: '374b', serialNumber: '0671FF48', manufacturer: 'STMicroelectronics' },
  { path: '/dev/ttyUSB0', vendorId: '10C4', productId: 'EA60', serialNumber: '0001', manufacturer: 'Silicon Labs' },
  { path: '/dev/ttyACM1', vendorId: '303a', productId: '1001', serialNumber: '84:F7:03:12:34:56' },
  { path: '/dev/ttyUSB1', vendorId: '0403', productId: '6001', manufacturer: 'FTDI' },
  { path: '/dev/ttyS0' },
];

describe('boards discover', () => {
  it('classifies ports by USB VID:PID', () => {
    expect(classifyPorts(attached).map((p) => p.kind)).toEqual(['nucleo-f446re', 'esp32dev', 'esp32-c3', undefined, undefined]);
  });

  it('writes a starter map the harness accepts, locating boards by serial number', () => {
    const text = starterMap(classifyPorts(attached), { firmware: '../firmware/' });
    const map = parseHardwareMap(text);
    expect(map.boards.map((b) => [b.name, b.kind])).toEqual([
      ['nucleo-f446re-1', 'nucleo-f446re'],
      ['esp32dev-1', 'esp32dev'],
      ['esp32-c3-1', 'esp32-c3'],
      ['qemu-netduinoplus2', 'qemu-netduinoplus2'],
      ['qemu-mps2-an385', 'qemu-mps2-an385'],
      ['qemu-mps2-an500', 'qemu-mps2-an500'],
      ['qemu-riscv32-virt', 'qemu-riscv32-virt'],
    ]);
    expect(map.boards[0]!.port).toEqual({ serialNumber: '0671FF48' });
    expect(map.boards[0]!.pio).toEqual({ project: '../firmware/arm-cortex-m', environment: 'nucleo_f446re' });
    expect(map.boards[6]!.pio).toEqual({ project: '../firmware/esp32', environment: 'qemu_riscv32_virt' });
    // Unknown ports are listed as comments, not boards.
    expect(text).toMatch(/^# {3}\/dev\/ttyUSB1 {2}0403:6001 {2}FTDI/m);
    expect(parse(text).boards).toHaveLength(7);
  });

  it('can leave emulated boards out', () => {
    expect(parseHardwareMap(starterMap([], { emulated: false })).boards).toEqual([]);
  });
});

describe('port resolution', () => {
  const list = async () => attached;
  it('finds ports by serial number, VID/PID (+index), by-id link and path', async () => {
    expect(await resolvePort({ name: 'n', port: { serialNumber: '0001' } }, list)).toBe('/dev/ttyUSB0');
    expect(await resolvePort({ name: 'n', port: { vid: '10c4', pid: 'ea60' } }, list)).toBe('/dev/ttyUSB0');
    expect(await resolvePort({ name: 'n', port: { path: '/dev/ttyX' } }, list)).toBe('/dev/ttyX');
    const link = async (p: string) => (p.endsWith('ST-LINK') ? '/dev/ttyACM0' : Promise.reject(new Error('ENOENT')));
    expect(await resolvePort({ name: 'n', port: { byId: '/dev/serial/by-id/usb-ST-LINK' } }, list, link)).toBe('/dev/ttyACM0');
    await expect(resolvePort({ name: 'n', port: { byId: '/dev/serial/by-id/usb-gone' } }, list, link)).rejects.toThrow(/does not exist \(is the board plugged in\?\)/);
  });

  it('says what it looked for and what is attached', async () => {
    const err = await resolvePort({ name: 'c3', port: { vid: '303a', pid: '1001', index: 1 } }, list).catch((e) => e);
    expect(err).toBeInstanceOf(PortNotFoundError);
    expect(err.message).toMatch(/^c3: no port with VID:PID 303a:1001 #1; attached: \/dev\/ttyACM0 \(0483:374b sn=0671FF48\)/);
  });

  it('explains the missing-udevadm failure of SerialPort.list()', () => {
    const e = explainListError(Object.assign(new Error('spawn udevadm ENOENT'), { code: 'ENOENT' }));
    expect(e.message).toMatch(/udevadm is missing.*apt-get install udev.*explicit `port: \{ path/);
    expect(explainListError(new Error('boom')).message).toBe('cannot list serial ports: boom');
  });
});
