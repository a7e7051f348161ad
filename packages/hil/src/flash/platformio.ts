/**
 * The PlatformIO driver: builds a board's firmware (`pio run -e ENV`), finds
 * the image (`pio project metadata`), and uploads it (`pio run -e ENV -t
 * upload --upload-port PORT`) with a timeout, keeping the output for the
 * report. Uploads are skipped when the image's hash equals the last one
 * flashed to that board (recorded in the state dir).
 *
 * The caller must close the board's port before {@link PlatformIO.upload}
 * (pytest-embedded pauses its reader the same way).
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { BoardSpec } from '../resources/hardware-map.js';
import { runCommand, type RunCommand } from '../util/command.js';
import { DEFAULT_PIO } from '../doctor/doctor.js';

export class FlashError extends Error {
  override name = 'FlashError';
  readonly code = 'MVTK_HIL_FLASH';
  constructor(
    readonly board: string,
    message: string,
    /** Output of the failed command (also in the log file). */
    readonly output: string,
    readonly logFile: string | undefined,
  ) {
    super(`${board}: ${message}${logFile ? ` (full log: ${logFile})` : ''}\n${output.split('\n').slice(-15).join('\n')}`);
  }
}

export interface FirmwareImage {
  /** Path of the image PlatformIO uploads (`prog_path`). */
  path: string;
  sha256: string;
  /** Bytes of the image file. */
  fileBytes: number;
  /** Flash and RAM use as PlatformIO's size report printed them. */
  flashBytes?: number;
  ramBytes?: number;
  buildLog?: string;
}

export interface FlashOutcome {
  skipped: boolean;
  durationMs: number;
  output: string;
  logFile?: string;
}

export interface PlatformIOOptions {
  pio?: string;
  /** Where per-board flash state is kept (`flashed/<board>.json`). */
  stateDir: string;
  /** Where command logs go. */
  logDir: string;
  /** Resolves `pio.project` (relative to the hardware map). */
  baseDir: string;
  run?: RunCommand;
  /** Environment for `pio run` builds of a board (default {@link pioEnv}); see firmware-env.ts. */
  buildEnv?: (board: BoardSpec) => Promise<NodeJS.ProcessEnv>;
  /** Environment for uploads (default {@link pioEnv}: the user's core dir, registry allowed). */
  uploadEnv?: (board: BoardSpec) => Promise<NodeJS.ProcessEnv>;
  /** Section sizes of an image when PlatformIO prints none (default: none). */
  elfSizes?: (board: BoardSpec, elf: string) => Promise<{ flashBytes?: number; ramBytes?: number }>;
  buildTimeoutMs?: number;
  signal?: AbortSignal;
}

/** Environment for an offline, quiet, upgrade-check-free pio (notes/platformio-offline.md). */
export function pioEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return {
    ...base,
    PLATFORMIO_SETTING_ENABLE_TELEMETRY: 'No',
    PLATFORMIO_SETTING_CHECK_PLATFORMIO_INTERVAL: '3650',
    PLATFORMIO_SETTING_CHECK_PRUNE_SYSTEM_THRESHOLD: '0',
    PLATFORMIO_NO_ANSI: 'true',
  };
}

/** `Flash: [=   ]  12.5% (used 32768 bytes from 262144 bytes)` → 32768. */
export function parseSizeReport(output: string): { flashBytes?: number; ramBytes?: number } {
  const grab = (what: string) => {
    const m = new RegExp(`${what}:.*?\\(used (\\d+) bytes`, 'i').exec(output);
    return m ? Number(m[1]) : undefined;
  };
  const out: { flashBytes?: number; ramBytes?: number } = {};
  const f = grab('Flash');
  const r = grab('RAM');
  if (f !== undefined) out.flashBytes = f;
  if (r !== undefined) out.ramBytes = r;
  return out;
}

export async function sha256File(path: string): Promise<string> {
  return createHash('sha256').update(await readFile(path)).digest('hex');
}

interface FlashState {
  sha256: string;
  image: string;
  port: string;
  flashedAt: string;
}

export class PlatformIO {
  readonly pio: string;
  private readonly run: RunCommand;
  constructor(private readonly opts: PlatformIOOptions) {
    this.pio = opts.pio ?? (existsSync(DEFAULT_PIO) ? DEFAULT_PIO : 'pio');
    this.run = opts.run ?? runCommand;
  }

  projectDir(board: BoardSpec): string {
    return resolve(this.opts.baseDir, board.pio.project);
  }

  private logFile(board: BoardSpec, what: string): string {
    return join(this.opts.logDir, `${board.name}.${what}.log`);
  }

  /** Builds the firmware and returns its image with hash and sizes. */
  async build(board: BoardSpec): Promise<FirmwareImage> {
    const dir = this.projectDir(board);
    const logFile = this.logFile(board, 'build');
    const env = board.pio.environment;
    const processEnv = this.opts.buildEnv ? await this.opts.buildEnv(board) : pioEnv();
    const build = await this.run(this.pio, ['run', '-d', dir, '-e', env], {
      cwd: dir,
      env: processEnv,
      timeoutMs: this.opts.buildTimeoutMs ?? 600_000,
      logFile,
      ...(this.opts.signal ? { signal: this.opts.signal } : {}),
    });
    if (build.code !== 0) {
      throw new FlashError(board.name, build.timedOut ? 'firmware build timed out' : `firmware build failed (pio exit ${build.code})`, build.output, logFile);
    }
    // PlatformIO's conventional image path; `pio project metadata` otherwise.
    let progPath: string | undefined = join(dir, '.pio', 'build', env, 'firmware.elf');
    if (!existsSync(progPath)) {
      progPath = undefined;
      const meta = await this.run(this.pio, ['project', 'metadata', '-d', dir, '-e', env, '--json-output'], { cwd: dir, env: processEnv, timeoutMs: 120_000, logFile });
      try {
        // pio may print notices before the JSON object.
        const json = JSON.parse(meta.output.slice(meta.output.indexOf('{'), meta.output.lastIndexOf('}') + 1));
        progPath = json?.[env]?.prog_path;
      } catch {
        /* below */
      }
      if (!progPath) throw new FlashError(board.name, 'cannot find the firmware image (no .pio/build/ENV/firmware.elf, no prog_path in pio project metadata)', meta.output, logFile);
    }
    const st = await stat(progPath).catch(() => undefined);
    if (!st) throw new FlashError(board.name, `the firmware image ${progPath} does not exist after the build`, build.output, logFile);
    let sizes = parseSizeReport(build.output);
    if (sizes.flashBytes === undefined && this.opts.elfSizes) sizes = { ...(await this.opts.elfSizes(board, progPath).catch(() => ({}))), ...sizes };
    return { path: progPath, sha256: await sha256File(progPath), fileBytes: st.size, ...sizes, buildLog: logFile };
  }

  private stateFile(board: BoardSpec): string {
    return join(this.opts.stateDir, 'flashed', `${board.name}.json`);
  }

  async lastFlashed(board: BoardSpec): Promise<FlashState | undefined> {
    try {
      return JSON.parse(await readFile(this.stateFile(board), 'utf8'));
    } catch {
      return undefined;
    }
  }

  /** Forgets the recorded image, so the next run flashes (after a failed run or a manual flash). */
  async forget(board: BoardSpec): Promise<void> {
    await writeFile(this.stateFile(board), '{}').catch(() => undefined);
  }

  /**
   * Uploads `image` unless the board already runs it. The port must be closed.
   * `force` flashes regardless of the recorded hash.
   */
  async upload(board: BoardSpec, image: FirmwareImage, port: string, force = false): Promise<FlashOutcome> {
    const last = await this.lastFlashed(board);
    if (!force && last?.sha256 === image.sha256) {
      return { skipped: true, durationMs: 0, output: `firmware ${image.sha256.slice(0, 12)} already on ${board.name} (flashed ${last.flashedAt}); upload skipped\n` };
    }
    const dir = this.projectDir(board);
    const logFile = this.logFile(board, 'upload');
    const r = await this.run(this.pio, ['run', '-d', dir, '-e', board.pio.environment, '-t', 'upload', '--upload-port', port], {
      cwd: dir,
      env: this.opts.uploadEnv ? await this.opts.uploadEnv(board) : pioEnv(),
      timeoutMs: board.timeouts.flash,
      logFile,
      ...(this.opts.signal ? { signal: this.opts.signal } : {}),
    });
    if (r.code !== 0) {
      await this.forget(board); // the board's content is unknown now
      throw new FlashError(board.name, r.timedOut ? `upload timed out after ${board.timeouts.flash} ms` : `upload failed (pio exit ${r.code})`, r.output, logFile);
    }
    await mkdir(join(this.opts.stateDir, 'flashed'), { recursive: true });
    const state: FlashState = { sha256: image.sha256, image: image.path, port, flashedAt: new Date().toISOString() };
    await writeFile(this.stateFile(board), JSON.stringify(state, null, 2));
    return { skipped: false, durationMs: r.durationMs, output: r.output, logFile };
  }
}
