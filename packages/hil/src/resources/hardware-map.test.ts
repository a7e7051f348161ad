import { describe, expect, it } from 'vitest';
import { HardwareMapError, parseHardwareMap, selectBoards } from './hardware-map.js';

const good = `
version: 1
lab: bench-a
boards:
  - name: nucleo-1
    kind: nucleo-f446re
    pio: { project: ../../firmware/agent, environment: nucleo_f446re }
    port: { serialNumber: "0671FF485550755187121723" }
    reset: pio-upload
    tags: [physical, arm]
  - name: esp32-c3-1
    kind: esp32-c3
    pio: { project: ../../firmware/agent, environment: esp32_c3 }
    port: { vid: "303A", pid: "0x1001" }
    tags: [physical, riscv]
  - name: an385
    kind: qemu-mps2-an385
    pio: { project: ../../firmware/agent, environment: qemu_mps2_an385 }
    tags: [emulated, arm]
`;

function issues(text: string): string[] {
  try {
    parseHardwareMap(text, 'lab.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(HardwareMapError);
    return (error as HardwareMapError).issues;
  }
  throw new Error('expected the map to be rejected');
}

describe('hardware map', () => {
  it('parses a valid map with defaults filled in', () => {
    const map = parseHardwareMap(good);
    expect(map.boards).toHaveLength(3);
    const [nucleo, c3, an385] = map.boards;
    expect(nucleo!.baud).toBe(115200);
    expect(nucleo!.timeouts).toEqual({ flash: 180_000, case: 20_000 });
    expect(c3!.port).toEqual({ vid: '303a', pid: '1001' });
    expect(an385!.reset).toBe('dtr-rts');
    expect(an385!.enabled).toBe(true);
  });

  it('rejects an unknown version with a clear message', () => {
    expect(issues('version: 2\nboards: []')).toEqual(['version: unsupported hardware map version: this harness reads `version: 1`']);
  });

  it('names the board and field of every problem', () => {
    const text = `
version: 1
boards:
  - name: Bad Name
    kind: nucleo-f446re
    pio: { project: p, environment: e }
  - name: c3
    kind: esp32-c9
    pio: { project: p }
    port: { path: /dev/ttyUSB0 }
    baud: fast
  - name: q
    kind: qemu-mps2-an385
    pio: { project: p, environment: e }
    port: { path: /dev/ttyUSB0 }
  - name: q
    kind: qemu-mps2-an500
    pio: { project: p, environment: e }
    colour: red
`;
    const list = issues(text);
    expect(list).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^boards\[0\]\.name \(board "Bad Name"\): lowercase/),
        expect.stringMatching(/^boards\[1\]\.kind \(board "c3"\): Invalid option: expected one of "nucleo-f446re"/),
        expect.stringMatching(/^boards\[1\]\.pio\.environment \(board "c3"\)/),
        expect.stringMatching(/^boards\[1\]\.baud \(board "c3"\): Invalid input: expected number/),
        expect.stringMatching(/^boards\[2\]\.port \(board "q"\): emulated boards get their port from QEMU/),
        expect.stringMatching(/^boards\[3\] \(board "q"\): Unrecognized key: "colour"/),
      ]),
    );
    expect(list.join('\n')).not.toContain('duplicate'); // invalid boards are reported first
  });

  it('requires a port for a physical board and rejects duplicates and bad locators', () => {
    const list = issues(`
version: 1
boards:
  - { name: a, kind: esp32dev, pio: { project: p, environment: e } }
  - { name: b, kind: esp32dev, pio: { project: p, environment: e }, port: { byId: /dev/ttyUSB0 } }
  - { name: c, kind: esp32dev, pio: { project: p, environment: e }, port: { vid: "10c4", pid: "xyz" } }
  - { name: c, kind: esp32dev, pio: { project: p, environment: e }, port: { path: /dev/ttyUSB1 } }
`);
    expect(list).toContain('boards[0].port (board "a"): a physical board (esp32dev) needs a port locator');
    expect(list.some((l) => l.startsWith('boards[1].port') && l.includes('/dev/serial/by-id/'))).toBe(true);
    expect(list.some((l) => l.startsWith('boards[2].port'))).toBe(true);
  });

  it('reports duplicate names once the boards are valid', () => {
    const list = issues(`
version: 1
boards:
  - { name: a, kind: qemu-mps2-an385, pio: { project: p, environment: e } }
  - { name: a, kind: qemu-mps2-an500, pio: { project: p, environment: e } }
`);
    expect(list).toEqual(['boards[1].name (board "a"): duplicate board name "a" (also boards[0])']);
  });

  it('reports YAML syntax errors with their position', () => {
    const [msg] = issues('version: 1\nboards: [\n  - name: x\n');
    expect(msg).toMatch(/^YAML syntax: .*line/s);
  });

  it('selects boards by name and tag', () => {
    const map = parseHardwareMap(good);
    expect(selectBoards(map).map((b) => b.name)).toEqual(['nucleo-1', 'esp32-c3-1', 'an385']);
    expect(selectBoards(map, ['tag:arm']).map((b) => b.name)).toEqual(['nucleo-1', 'an385']);
    expect(selectBoards(map, ['an385']).map((b) => b.name)).toEqual(['an385']);
    expect(() => selectBoards(map, ['tag:nope'])).toThrow(/no board matches "tag:nope"/);
  });
});
