/**
 * What the repo's firmware projects need from a `pio run`: the engine folder
 * (`MVTK_ENGINE_DIR`) and, for emulated boards, PlatformIO's offline setup
 * (a fresh core dir with tool-scons seeded from Debian's SCons). Both come
 * from firmware/scripts/pio-env.mjs (the firmware author's), found next to
 * the board's project; a project without it gets plain {@link pioEnv}.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { isEmulatedKind, type BoardSpec } from '../resources/hardware-map.js';
import { pioEnv } from './platformio.js';

interface PioEnvModule {
  offlinePioEnv(coreDir?: string): NodeJS.ProcessEnv;
  engineInfo(): Promise<{ engineDir: string; version: string }>;
}

/** firmware/scripts/pio-env.mjs for a project folder (firmware/<project>), if there is one. */
export function pioEnvScript(projectDir: string): string | undefined {
  const script = join(dirname(projectDir), 'scripts', 'pio-env.mjs');
  return existsSync(script) ? script : undefined;
}

export function firmwareBuildEnv(projectDir: (b: BoardSpec) => string, coreDir: string): (b: BoardSpec) => Promise<NodeJS.ProcessEnv> {
  return async (board) => {
    const script = pioEnvScript(projectDir(board));
    if (!script) return pioEnv();
    const mod = (await import(pathToFileURL(script).href)) as PioEnvModule;
    const { engineDir } = await mod.engineInfo();
    // Emulated boards build offline; lab boards need PlatformIO's registry (official platforms, uploaders).
    const base = isEmulatedKind(board.kind) || board.pio.environment.endsWith('_offline') ? mod.offlinePioEnv(coreDir) : pioEnv();
    return { ...base, MVTK_ENGINE_DIR: engineDir };
  };
}

const execFileP = promisify(execFile);
const RISCV = new Set(['esp32-c3', 'qemu-riscv32-virt']);

/** Flash and RAM use of an ELF from `size -A` (the sections firmware/scripts/build.mjs counts). */
export async function elfSizes(board: BoardSpec, elf: string): Promise<{ flashBytes?: number; ramBytes?: number }> {
  const tool = RISCV.has(board.kind) ? 'riscv64-unknown-elf-size' : board.kind === 'esp32dev' ? 'xtensa-esp32-elf-size' : 'arm-none-eabi-size';
  const { stdout } = await execFileP(tool, ['-A', '-d', elf]);
  const sec = Object.fromEntries([...stdout.matchAll(/^(\.\S+)\s+(\d+)\s+\d+/gm)].map((m) => [m[1]!, Number(m[2])]));
  const sum = (...names: string[]) => names.reduce((n, s) => n + (sec[s] ?? 0), 0);
  return {
    flashBytes: sum('.vectors', '.text', '.rodata', '.ARM.exidx', '.init_array', '.fini_array', '.data', '.srodata', '.sdata'),
    ramBytes: sum('.data', '.sdata', '.bss', '.sbss', '.stack'),
  };
}
