/**
 * Instruction counts with `valgrind --tool=callgrind` (this machine is shared
 * and noisy; instruction counts are not). A program marks the boundaries of
 * each guest run, and callgrind dumps its counters at every mark:
 *
 * - Node peers call process.memoryUsage.rss(), i.e. libuv's
 *   uv_resident_set_memory (--dump-before=uv_resident_set_memory); V8 runs
 *   with --single-threaded so no compiler or GC thread adds to a segment, and
 *   every guest runs once before the marks (so its code is already compiled
 *   and tiered up);
 * - the C host calls bench_mark() (--dump-before=bench_mark).
 *
 * Both start with three empty segments (four marks in a row): the smallest
 * count, the cost of one mark, is subtracted from every item's.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildDir, distDir } from './paths.js';
import type { InProcessPeerId } from './peers.js';
import type { MarkItem, MarksTask } from './tasks.js';

export function valgrindVersion(): string | undefined {
  try {
    return execFileSync('valgrind', ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

export interface CountResult {
  /** Instructions per item (x86-64), the mark's cost subtracted: a guest run, or n boundary operations. */
  instructions: Record<string, number>;
  results: Record<string, number>;
  /** The cost of one mark (subtracted). */
  markCost: number;
  seconds: number;
}

function readDumps(dir: string): number[] {
  const files = readdirSync(dir).filter((f) => /^cg\.out\.\d+$/.test(f));
  files.sort((a, b) => Number(a.split('.').pop()) - Number(b.split('.').pop()));
  return files.map((f) => {
    const text = readFileSync(join(dir, f), 'utf8');
    const m = /^(?:summary|totals): (\d+)/m.exec(text);
    if (!m) throw new Error(`${f}: no totals line`);
    return Number(m[1]);
  });
}

/**
 * Each item's count from the numbered dumps: the marks are the last
 * 4 + 2 * measurements dumps (four marks make three empty segments, then a
 * pair per measurement). An item measured several times (`repeat`) counts
 * its least: the same run in the same process differs only by where V8's
 * tiering left its code.
 */
function segments(dumps: number[], items: { name: string; repeat?: number }[]): { markCost: number; instructions: Record<string, number> } {
  const runs = items.flatMap((item) => Array.from({ length: item.repeat ?? 1 }, () => item.name));
  const m = 4 + 2 * runs.length;
  if (dumps.length < m) throw new Error(`expected at least ${m} callgrind dumps, found ${dumps.length}`);
  const first = dumps.length - m; // index of the dump at mark 0
  const markCost = Math.min(dumps[first + 1]!, dumps[first + 2]!, dumps[first + 3]!);
  const instructions: Record<string, number> = {};
  runs.forEach((name, g) => {
    const count = dumps[first + 5 + 2 * g]! - markCost;
    instructions[name] = Math.min(instructions[name] ?? Infinity, count);
  });
  return { markCost, instructions };
}

function runValgrind(tag: string, dumpBefore: string, command: string[]): { dir: string; stdout: string; seconds: number } {
  const dir = join(buildDir, 'callgrind', tag);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const t0 = Date.now();
  const r = spawnSync(
    'valgrind',
    ['--tool=callgrind', `--dump-before=${dumpBefore}`, '--collect-jumps=no', `--callgrind-out-file=${join(dir, 'cg.out')}`, ...command],
    { encoding: 'utf8', maxBuffer: 64 << 20, timeout: 300_000 },
  );
  if (r.status !== 0) {
    const tail = (r.stderr ?? '').split('\n').filter((l) => !l.startsWith('==')).slice(-5).join(' | ');
    throw new Error(`valgrind ${command[0]} exited with ${r.status ?? r.signal}: ${tail || r.error?.message}`);
  }
  return { dir, stdout: r.stdout, seconds: (Date.now() - t0) / 1000 };
}

/** One Node peer (wasm, wasm-s1t1, native) running every item once under callgrind. */
export function countNodePeer(peer: InProcessPeerId, items: MarkItem[], wasmSafeFile?: string): CountResult {
  // Guest runs three times each (a fresh VM each time): V8 sometimes leaves one
  // run in slower code (seen: float-loop at 109 M instructions, 2.4x its usual
  // count), so the least of three is the count.
  const measured = items.map((item) => (item.kind === 'run' ? { ...item, repeat: NODE_GUEST_REPEATS } : item));
  const task: MarksTask & { wasmSafeFile?: string } = { kind: 'marks', peer, items: measured, ...(wasmSafeFile ? { wasmSafeFile } : {}) };
  const { dir, stdout, seconds } = runValgrind(peer, 'uv_resident_set_memory', [
    process.execPath,
    '--single-threaded',
    join(distDir, 'worker.js'),
    JSON.stringify(task),
  ]);
  const results = JSON.parse(stdout.trim().split('\n').pop()!) as Record<string, number>;
  const { markCost, instructions } = segments(readDumps(dir), measured);
  return { instructions, results, markCost, seconds };
}

const NODE_GUEST_REPEATS = 3;

const cKinds: Record<MarkItem['kind'], string> = { run: 'run', callInt: 'call', importRoundTrip: 'import', restoreSmall: 'restore' };

/** The plain C host running every item once under callgrind. */
export function countCHost(tag: string, binary: string, items: (MarkItem & { file: string })[]): CountResult {
  const args = items.flatMap((g) => [cKinds[g.kind], g.file, String(g.n)]);
  const { dir, stdout, seconds } = runValgrind(tag, 'bench_mark', [binary, 'marks', ...args]);
  const values = stdout
    .split('\n')
    .filter((l) => l.startsWith('result '))
    .map((l) => Number(l.slice(7)));
  const results: Record<string, number> = {};
  items.forEach((g, i) => (results[g.name] = values[i]!));
  const { markCost, instructions } = segments(readDumps(dir), items);
  return { instructions, results, markCost, seconds };
}
