import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Target } from '@mvtk/shared-suite';
import { beforeEach, describe, expect, it } from 'vitest';
import { acquireBoardLock } from '../flash/board-lock.js';
import type { FirmwareImage, PlatformIO } from '../flash/platformio.js';
import { parseHardwareMap } from '../resources/hardware-map.js';
import { boardProvider, type BoardConnector } from './board-strategy.js';

const map = parseHardwareMap(`
version: 1
boards:
  - { name: nucleo, kind: nucleo-f446re, pio: { project: fw, environment: nucleo }, port: { path: /dev/ttyACM0 } }
  - { name: an385, kind: qemu-mps2-an385, pio: { project: fw, environment: an385 } }
`);
const [nucleo, an385] = map.boards as [typeof map.boards[0], typeof map.boards[0]];
const image: FirmwareImage = { path: '/fw.elf', sha256: 'cd'.repeat(32), fileBytes: 100, flashBytes: 60 };

let dir: string;
let log: string[];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hil-strat-'));
  log = [];
});

const fakePio = (opts: { uploadFails?: boolean } = {}) =>
  ({
    projectDir: () => '/fw',
    build: async (b: { name: string }) => (log.push(`build ${b.name}`), image),
    upload: async (b: { name: string }, _i: FirmwareImage, port: string) => {
      log.push(`upload ${b.name} ${port}`);
      if (opts.uploadFails) throw new Error('upload failed (pio exit 1)');
      return { skipped: false, durationMs: 5, output: '' };
    },
  }) as unknown as PlatformIO;

const connector: BoardConnector = {
  async connect(board, ctx) {
    log.push(`connect ${board.name} ${ctx.port ?? 'qemu'}`);
    const target: Target = { name: board.name, run: async () => ({ transcript: [], snapshots: [] }), close: async () => void log.push('close target') };
    return { target, ...(ctx.port ? {} : { port: '/dev/pts/9' }), stop: async () => void log.push('stop qemu') };
  },
};

const opts = (extra = {}) => ({ pio: fakePio(), connector, lockDir: join(dir, 'locks'), logDir: join(dir, 'logs'), runId: 'r', ...extra });

describe('board strategy', () => {
  it('physical: lock, build, flash with the resolved port (closed), connect; teardown in reverse', async () => {
    const p = boardProvider(nucleo, opts({ firmwareCommit: 'abc123' }));
    const prepared = await p.prepare(new AbortController().signal);
    expect(log).toEqual(['build nucleo', 'upload nucleo /dev/ttyACM0', 'connect nucleo /dev/ttyACM0']);
    expect(prepared.report).toMatchObject({ port: '/dev/ttyACM0', firmware: { sha256: image.sha256, commit: 'abc123' }, flash: { skipped: false } });
    expect(await readdir(join(dir, 'locks'))).toEqual(['nucleo.lock']);
    await prepared.target.close();
    await prepared.teardown!();
    expect(log.slice(-2)).toEqual(['close target', 'stop qemu']);
    expect(await readdir(join(dir, 'locks'))).toEqual([]);
  });

  it('emulated: no upload, QEMU stopped before the lock is released', async () => {
    const prepared = await boardProvider(an385, opts()).prepare(new AbortController().signal);
    expect(log).toEqual(['build an385', 'connect an385 qemu']);
    expect(prepared.report?.port).toBe('/dev/pts/9');
    await prepared.teardown!();
    expect(log.at(-1)).toBe('stop qemu');
    expect(await readdir(join(dir, 'locks'))).toEqual([]);
  });

  it('a board held by another run is not touched', async () => {
    const held = await acquireBoardLock('nucleo', { dir: join(dir, 'locks'), run: 'other' });
    await expect(boardProvider(nucleo, opts()).prepare(new AbortController().signal)).rejects.toThrow(/nucleo: locked by pid \d+ .*run other/);
    expect(log).toEqual([]);
    await held.release();
  });

  it('a failed flash releases the lock and reports the flash error', async () => {
    await expect(boardProvider(nucleo, opts({ pio: fakePio({ uploadFails: true }) })).prepare(new AbortController().signal)).rejects.toThrow('upload failed (pio exit 1)');
    expect(await readdir(join(dir, 'locks'))).toEqual([]);
  });

  it('boards of the same environment share one build', async () => {
    const cache = new Map();
    const twin = { ...nucleo, name: 'nucleo-2' };
    const a = await boardProvider(nucleo, opts({ buildCache: cache })).prepare(new AbortController().signal);
    const b = await boardProvider(twin, opts({ buildCache: cache })).prepare(new AbortController().signal);
    expect(log.filter((l) => l.startsWith('build'))).toEqual(['build nucleo']);
    await a.teardown!();
    await b.teardown!();
  });
});
