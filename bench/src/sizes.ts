/**
 * Sizes of what users ship, and their budgets (checked by
 * test/budgets.test.ts and shown by `pnpm bench`).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { firmwareDir, repoDir, runtimeNativeDir, runtimeWasmDir } from './paths.js';

export interface SizeItem {
  /** Stable key, e.g. `wasm`, `firmware.qemu_mps2_an385.flash`. */
  key: string;
  label: string;
  /** Bytes, or undefined when the artefact is missing. */
  bytes?: number;
  /** Where it was read from (repo-relative). */
  file: string;
  missing?: string;
}

export interface Budget {
  key: string;
  /** Largest allowed size in bytes. */
  max: number;
  /** Where the figure comes from. */
  why: string;
}

/**
 * Issue 3's budgets for the WASM runtime; the others (addon, firmware) are
 * this benchmark's: the size measured when they were set plus about 10%, so a
 * change that grows them noticeably has to raise the budget on purpose.
 */
export const budgets: Budget[] = [
  // Issue 3's goals (.wasm ≤ 36 kB, bundle ≤ 64 kB) are not met: the engine
  // at -O2 with exact number formatting and a correctly rounded pow is
  // 64,444 B; -Os/-Oz give 48.6/46.1 kB but run guests 1.2-1.5x slower
  // (measured Dec 2026). These budgets guard against growth from here.
  { key: 'wasm', max: 68_000, why: 'measured 65,686 B at -O2 (Dec 2026) + ~3.5%; goal 36 kB not met' },
  { key: 'bundle', max: 116_000, why: 'measured 110,891 B (Dec 2026) + ~5%; goal 64 kB not met' },
  { key: 'addon', max: 120_000, why: 'measured 105,760 B (Dec 2026) + ~13%' },
  { key: 'firmware.qemu_mps2_an385.flash', max: 52_000, why: 'measured 46,408 B + ~12%' },
  { key: 'firmware.qemu_mps2_an500.flash', max: 49_000, why: 'measured 43,712 B + ~12%' },
  { key: 'firmware.qemu_netduinoplus2.flash', max: 52_000, why: 'measured 46,892 B + ~11%' },
  { key: 'firmware.qemu_riscv32_virt.flash', max: 66_000, why: 'measured 60,208 B + ~10%' },
  { key: 'firmware.qemu_mps2_an385.ram', max: 32_768, why: 'measured 29,028 B without the 64 KiB VM page + ~13%' },
  { key: 'firmware.qemu_mps2_an500.ram', max: 32_768, why: 'measured 29,028 B without the VM page + ~13%' },
  { key: 'firmware.qemu_netduinoplus2.ram', max: 32_768, why: 'measured 29,028 B without the VM page + ~13%' },
  { key: 'firmware.qemu_riscv32_virt.ram', max: 40_960, why: 'measured 37,432 B without the VM page + ~9%' },
];

const rel = (p: string) => relative(repoDir, p);

function fileItem(key: string, label: string, file: string, transform?: (b: Buffer) => number): SizeItem {
  if (!existsSync(file)) return { key, label, file: rel(file), missing: 'not built' };
  const bytes = readFileSync(file);
  return { key, label, file: rel(file), bytes: transform ? transform(bytes) : bytes.length };
}

const gz = (b: Buffer) => gzipSync(b, { level: 9 }).length;

/** The PlatformIO environments whose ELFs are measured, by project. */
export const firmwareEnvs: Record<string, { tool: string; envs: string[] }> = {
  'arm-cortex-m': { tool: 'arm-none-eabi-size', envs: ['qemu_mps2_an385', 'qemu_mps2_an500', 'qemu_netduinoplus2'] },
  esp32: { tool: 'riscv64-unknown-elf-size', envs: ['qemu_riscv32_virt'] },
};

/**
 * Flash and RAM of a firmware ELF, from its sections as firmware/scripts/build.mjs
 * counts them: flash = code, read-only data and initialised data; RAM = data,
 * bss and stack without the 64 KiB VM page (`.vmpage`), which is listed apart.
 */
export function elfSizes(tool: string, elf: string): { flash: number; ram: number; page: number } {
  const text = execFileSync(tool, ['-A', '-d', elf], { encoding: 'utf8' });
  const sec = Object.fromEntries([...text.matchAll(/^(\.\S+)\s+(\d+)\s+\d+/gm)].map((m) => [m[1]!, Number(m[2])]));
  const get = (...names: string[]) => names.reduce((n, s) => n + (sec[s] ?? 0), 0);
  return {
    flash: get('.vectors', '.text', '.rodata', '.ARM.exidx', '.init_array', '.fini_array', '.data', '.srodata', '.sdata'),
    ram: get('.data', '.sdata', '.bss', '.sbss', '.stack'),
    page: get('.vmpage'),
  };
}

/** The addon users install: the prebuilt binary for this platform. */
export function addonFile(): string | undefined {
  const dir = join(runtimeNativeDir, 'prebuilds', `${process.platform}-${process.arch}`);
  if (!existsSync(dir)) return undefined;
  const f = readdirSync(dir).find((x) => x.endsWith('.node'));
  return f ? join(dir, f) : undefined;
}

export function measureSizes(): SizeItem[] {
  const wasm = join(runtimeWasmDir, 'dist', 'microvium.wasm');
  const bundle = join(runtimeWasmDir, 'dist', 'index.js');
  const items: SizeItem[] = [
    fileItem('wasm', 'runtime-wasm microvium.wasm', wasm),
    fileItem('wasm.gzip', 'runtime-wasm microvium.wasm, gzip -9', wasm, gz),
    fileItem('bundle', 'runtime-wasm dist/index.js (minified, wasm inlined)', bundle),
    fileItem('bundle.gzip', 'runtime-wasm dist/index.js, gzip -9', bundle, gz),
  ];
  const addon = addonFile();
  items.push(
    addon
      ? fileItem('addon', 'runtime-node-native addon (.node, prebuild)', addon)
      : { key: 'addon', label: 'runtime-node-native addon (.node, prebuild)', file: 'packages/runtime-node-native/prebuilds', missing: 'not built' },
  );
  for (const [project, { tool, envs }] of Object.entries(firmwareEnvs)) {
    for (const env of envs) {
      const elf = join(firmwareDir, project, '.pio', 'build', env, 'firmware.elf');
      const file = rel(elf);
      if (!existsSync(elf)) {
        items.push({ key: `firmware.${env}.flash`, label: `firmware ${env} flash`, file, missing: 'not built' });
        items.push({ key: `firmware.${env}.ram`, label: `firmware ${env} RAM without the VM page`, file, missing: 'not built' });
        continue;
      }
      try {
        const s = elfSizes(tool, elf);
        items.push({ key: `firmware.${env}.flash`, label: `firmware ${env} flash`, file, bytes: s.flash });
        items.push({ key: `firmware.${env}.ram`, label: `firmware ${env} RAM without the VM page`, file, bytes: s.ram });
      } catch (e) {
        const missing = `${tool} failed: ${(e as Error).message.split('\n')[0]}`;
        items.push({ key: `firmware.${env}.flash`, label: `firmware ${env} flash`, file, missing });
        items.push({ key: `firmware.${env}.ram`, label: `firmware ${env} RAM without the VM page`, file, missing });
      }
    }
  }
  return items;
}

export interface BudgetCheck extends Budget {
  bytes?: number;
  ok: boolean;
  label: string;
  file: string;
}

export function checkBudgets(items: SizeItem[] = measureSizes()): BudgetCheck[] {
  return budgets.map((b) => {
    const item = items.find((i) => i.key === b.key);
    const bytes = item?.bytes;
    return { ...b, bytes, ok: bytes !== undefined && bytes <= b.max, label: item?.label ?? b.key, file: item?.file ?? '?' };
  });
}

/** When an artefact was last built (for the report). */
export function mtime(file: string): string | undefined {
  const p = join(repoDir, file);
  return existsSync(p) ? statSync(p).mtime.toISOString() : undefined;
}
