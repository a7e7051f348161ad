/**
 * `hil boards discover`: lists attached serial ports and writes a starter
 * hardware map, guessing each board's kind from its USB VID:PID.
 */
import { stringify } from 'yaml';
import { BOARD_KINDS, parseHardwareMap, type BoardKind } from './hardware-map.js';
import type { PortInfo } from './ports.js';

/** USB IDs of the lab's boards' serial bridges (lowercase hex, no 0x). */
const KNOWN_USB: Array<{ vid: string; pid: string; kind: BoardKind; what: string }> = [
  { vid: '0483', pid: '374b', kind: 'nucleo-f446re', what: 'ST-LINK/V2-1 (Nucleo)' },
  { vid: '0483', pid: '374e', kind: 'nucleo-f446re', what: 'STLINK-V3 (Nucleo)' },
  { vid: '10c4', pid: 'ea60', kind: 'esp32dev', what: 'CP210x (ESP32 DevKit)' },
  { vid: '1a86', pid: '7523', kind: 'esp32dev', what: 'CH340 (ESP32 DevKit)' },
  { vid: '1a86', pid: '55d4', kind: 'esp32dev', what: 'CH9102 (ESP32 DevKit)' },
  { vid: '303a', pid: '1001', kind: 'esp32-c3', what: 'ESP32-C3 USB-Serial/JTAG' },
];

/** Default PlatformIO environment per kind (the firmware projects' platformio.ini). */
export const DEFAULT_PIO_ENV: Record<BoardKind, string> = Object.fromEntries(
  BOARD_KINDS.map((k) => [k, k.replace(/-/g, '_')]),
) as Record<BoardKind, string>;

/** Which firmware/ project builds each kind. */
export const DEFAULT_PIO_PROJECT: Record<BoardKind, string> = {
  'nucleo-f446re': 'arm-cortex-m',
  'qemu-netduinoplus2': 'arm-cortex-m',
  'qemu-mps2-an385': 'arm-cortex-m',
  'qemu-mps2-an500': 'arm-cortex-m',
  esp32dev: 'esp32',
  'esp32-c3': 'esp32',
  'qemu-riscv32-virt': 'esp32',
};

export interface DiscoveredPort extends PortInfo {
  kind?: BoardKind;
  what?: string;
}

export function classifyPorts(ports: readonly PortInfo[]): DiscoveredPort[] {
  return ports.map((p) => {
    const vid = (p.vendorId ?? '').toLowerCase();
    const pid = (p.productId ?? '').toLowerCase();
    const known = KNOWN_USB.find((k) => k.vid === vid && k.pid === pid);
    return known ? { ...p, kind: known.kind, what: known.what } : { ...p };
  });
}

export interface StarterMapOptions {
  /** The firmware/ folder, relative to where the map is written (default `firmware`). */
  firmware?: string;
  /** Include the emulated boards (they need no port). */
  emulated?: boolean;
}

/** A valid `version: 1` hardware map for the discovered ports (unknown ones as comments). */
export function starterMap(ports: readonly DiscoveredPort[], opts: StarterMapOptions = {}): string {
  const fw = (opts.firmware ?? 'firmware').replace(/\/$/, '');
  const project = (kind: BoardKind) => `${fw}/${DEFAULT_PIO_PROJECT[kind]}`;
  const boards: unknown[] = [];
  const unknown: string[] = [];
  const counts = new Map<string, number>();
  for (const p of ports) {
    if (!p.kind) {
      unknown.push(`${p.path}  ${p.vendorId ?? '?'}:${p.productId ?? '?'}  ${p.manufacturer ?? ''} sn=${p.serialNumber ?? '?'}`);
      continue;
    }
    const n = (counts.get(p.kind) ?? 0) + 1;
    counts.set(p.kind, n);
    const port = p.serialNumber
      ? { serialNumber: p.serialNumber }
      : p.vendorId && p.productId
        ? { vid: p.vendorId.toLowerCase(), pid: p.productId.toLowerCase() }
        : { path: p.path };
    boards.push({
      name: `${p.kind}-${n}`,
      kind: p.kind,
      pio: { project: project(p.kind), environment: DEFAULT_PIO_ENV[p.kind] },
      port,
      baud: 115200,
      // ESP32s reset through DTR/RTS; ST-LINK boards are reset by the probe at upload.
      reset: p.kind === 'nucleo-f446re' ? 'pio-upload' : 'dtr-rts',
      tags: ['physical', p.kind],
    });
  }
  if (opts.emulated ?? true) {
    for (const kind of BOARD_KINDS.filter((k) => k.startsWith('qemu-'))) {
      boards.push({
        name: kind,
        kind,
        pio: { project: project(kind), environment: DEFAULT_PIO_ENV[kind] },
        reset: 'qemu-restart',
        tags: ['emulated'],
      });
    }
  }
  const header = [
    '# Hardware map for `hil run --boards FILE` (schema: packages/hil/README.md).',
    `# Written by \`hil boards discover\` on ${new Date().toISOString()}: check names, environments and tags.`,
    ...(unknown.length ? ['# Ports of unknown kind (add them by hand if they are lab boards):', ...unknown.map((u) => `#   ${u}`)] : []),
  ].join('\n');
  const text = `${header}\n${stringify({ version: 1, boards }, { lineWidth: 0 })}`;
  parseHardwareMap(text, 'starter map'); // never write a map the harness would reject
  return text;
}
