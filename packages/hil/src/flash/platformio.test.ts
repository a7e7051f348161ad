import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { parseHardwareMap } from '../resources/hardware-map.js';
import type { CommandOptions, RunCommand } from '../util/command.js';
import { FlashError, parseSizeReport, PlatformIO } from './platformio.js';

let dir: string;
let image: string;
const calls: Array<{ args: readonly string[]; opts: CommandOptions }> = [];
let uploadResult = { code: 0 as number | null, timedOut: false, output: 'Uploading...\nSUCCESS' };

const fakePio: RunCommand = async (_cmd, args, opts) => {
  calls.push({ args, opts });
  if (args[0] === 'project') return { code: 0, signal: null, timedOut: false, durationMs: 1, output: `notice\n${JSON.stringify({ nucleo: { prog_path: image } })}` };
  if (args.includes('upload')) return { signal: null, durationMs: 5, ...uploadResult };
  return { code: 0, signal: null, timedOut: false, durationMs: 3, output: 'RAM:   [=         ]   9.8% (used 12816 bytes from 131072 bytes)\nFlash: [=         ]   6.4% (used 33420 bytes from 524288 bytes)\n' };
};

const board = parseHardwareMap(`
version: 1
boards:
  - { name: n1, kind: nucleo-f446re, pio: { project: fw, environment: nucleo }, port: { path: /dev/ttyACM0 }, timeouts: { flash: 1234 } }
`).boards[0]!;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hil-pio-'));
  image = join(dir, 'firmware.elf');
  await writeFile(image, 'image-v1');
  calls.length = 0;
  uploadResult = { code: 0, timedOut: false, output: 'Uploading...\nSUCCESS' };
});

const pio = () => new PlatformIO({ pio: 'pio', stateDir: join(dir, 'state'), logDir: join(dir, 'logs'), baseDir: dir, run: fakePio });

describe('PlatformIO flashing', () => {
  it('parses the size report', () => {
    expect(parseSizeReport('Flash: [=] 6.4% (used 33420 bytes from 524288 bytes)')).toEqual({ flashBytes: 33420 });
  });

  it('builds, finds the image and its size, uploads once, then skips the same image', async () => {
    const p = pio();
    const fw = await p.build(board);
    expect(fw).toMatchObject({ path: image, fileBytes: 8, flashBytes: 33420, ramBytes: 12816 });
    expect(calls[0]!.args).toEqual(['run', '-d', join(dir, 'fw'), '-e', 'nucleo']);
    expect(calls[0]!.opts.env!.PLATFORMIO_SETTING_ENABLE_TELEMETRY).toBe('No');

    const first = await p.upload(board, fw, '/dev/ttyACM0');
    expect(first.skipped).toBe(false);
    const upload = calls.find((c) => c.args.includes('upload'))!;
    expect(upload.args).toEqual(['run', '-d', join(dir, 'fw'), '-e', 'nucleo', '-t', 'upload', '--upload-port', '/dev/ttyACM0']);
    expect(upload.opts.timeoutMs).toBe(1234);

    const second = await p.upload(board, fw, '/dev/ttyACM0');
    expect(second.skipped).toBe(true);
    expect(calls.filter((c) => c.args.includes('upload'))).toHaveLength(1);

    // A new image is flashed again.
    await writeFile(image, 'image-v2');
    const third = await p.upload(board, await p.build(board), '/dev/ttyACM0');
    expect(third.skipped).toBe(false);
  });

  it('keeps the output of a failed or timed-out upload and forgets the recorded image', async () => {
    const p = pio();
    const fw = await p.build(board);
    await p.upload(board, fw, '/dev/ttyACM0');
    uploadResult = { code: null, timedOut: true, output: 'Connecting....\n[hil] killed after 1234 ms' };
    const err = await p.upload(board, fw, '/dev/ttyACM0', true).catch((e) => e);
    expect(err).toBeInstanceOf(FlashError);
    expect(err.message).toMatch(/^n1: upload timed out after 1234 ms \(full log: .*n1\.upload\.log\)\nConnecting/);
    expect(await readFile(join(dir, 'state', 'flashed', 'n1.json'), 'utf8')).toBe('{}');
    uploadResult = { code: 0, timedOut: false, output: 'ok' };
    expect((await p.upload(board, fw, '/dev/ttyACM0')).skipped).toBe(false);
  });
});
