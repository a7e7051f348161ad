// Builds the plain C host against a chosen engine source and runs guests on
// it, for tests that compare engine behaviour with and without a patch.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileGuest } from '@mvtk/compiler';
import { engineDir, portDir } from '@mvtk/port';
// @ts-expect-error plain ESM build script without types
import { buildHost, buildNative } from '@mvtk/port/scripts/native-build.mjs';

export const patchDir = join(portDir, 'engine-patches');
export const patchSeries = readdirSync(patchDir).filter((f) => f.endsWith('.patch')).sort();

const work = mkdtempSync(join(tmpdir(), 'mvtk-engine-'));

/** A copy of the engine with the series applied up to (not including) patch `upTo`. */
export function engineWithPatches(upTo: number): string {
  const dir = join(work, `engine-${upTo}`);
  mkdirSync(join(dir, 'dist-c'), { recursive: true });
  for (const f of ['microvium.c', 'microvium.h']) copyFileSync(join(engineDir, f), join(dir, 'dist-c', f));
  // Back to pristine: reverse the whole series, last patch first.
  for (const p of [...patchSeries].reverse()) applyPatch(dir, p, true);
  for (const p of patchSeries.slice(0, upTo)) applyPatch(dir, p, false);
  return join(dir, 'dist-c');
}

function applyPatch(dir: string, patch: string, reverse: boolean) {
  execFileSync('patch', ['-p1', '-s', '--no-backup-if-mismatch', ...(reverse ? ['-R'] : []), '-i', join(patchDir, patch)], {
    cwd: dir,
  });
}

export interface HostRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

let counter = 0;
export interface RunOptions {
  engine?: string;
  sanitize?: string;
  cc?: string;
  /** Extra -D definitions, e.g. MVP_SAFE_MODE=0. */
  defines?: string[];
  /** mvp-run's steps: export IDs, or `snapshot` (default: export 0). */
  steps?: string[];
  /** Run these snapshot bytes instead of compiling the source (e.g. a fuzzer's reproducer). */
  snapshot?: Uint8Array;
  /** Kill the host after this long (default: no limit). */
  timeoutMs?: number;
}

/** Builds mvp-run against `engine` and runs `source`'s export 0 (or `steps`) on it. */
export function runGuest(source: string, opts: RunOptions = {}): HostRun {
  const name = `mvp-run-${counter++}`;
  const host = buildHost({
    name,
    engine: opts.engine ?? engineDir,
    sanitize: opts.sanitize,
    cc: opts.cc,
    defines: opts.defines ?? [],
    force: true,
  });
  const snapshot = join(work, `${name}.mvm-bc`);
  writeFileSync(snapshot, opts.snapshot ?? compileGuest(source).bytes);
  const r = spawnSync(host, [snapshot, ...(opts.steps ?? [])], { encoding: 'utf8', timeout: opts.timeoutMs });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** What c/corrupt_core.c overwrites before it uses the engine (see that file). */
export type Corruption = 'import' | 'bucket-cycle' | 'bucket-wild' | 'core-in-page' | 'handle-walk';

/**
 * Builds c/corrupt_core.c (which compiles the engine in) against `engine`,
 * restores `source` in it, overwrites the engine state named by `how` and
 * makes the engine use it.
 */
export function runCorrupted(source: string, how: Corruption, engine: string, timeoutMs = 10_000): HostRun {
  const name = `corrupt-core-${counter++}`;
  const host = buildNative({
    name,
    sources: [join(dirname(fileURLToPath(import.meta.url)), '..', 'c', 'corrupt_core.c')],
    withEngine: false,
    includeDirs: [engine],
    force: true,
  });
  const snapshot = join(work, `${name}.mvm-bc`);
  writeFileSync(snapshot, compileGuest(source).bytes);
  const r = spawnSync(host, [snapshot, how], { encoding: 'utf8', timeout: timeoutMs });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export { readFileSync };
