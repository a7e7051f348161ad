/**
 * `pnpm bench`: every target against its peers in one run.
 *
 *   node dist/cli.js [--quick] [--update-readme] [--skip cpu,boundary,memory,cold,instructions,boards,sizes]
 *
 * Prints Markdown tables, writes bench/results/latest.json and one SVG chart
 * per group next to it, and with --update-readme regenerates the README's
 * performance section. Progress goes to stderr, the tables to stdout. A
 * --quick or --skip run writes to bench/build/results instead, so the
 * committed results always come from a full run.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { boardKinds, runBoard } from './boards.js';
import { buildCHost, buildWasmVariant, type WasmVariant } from './build.js';
import { countCHost, countNodePeer, valgrindVersion } from './callgrind.js';
import { boundaryGuest, compileGuests, cpuGuests, restoreGuests, type CompiledGuest } from './guests.js';
import { machineInfo } from './machine.js';
import { buildDir, distDir, repoDir, resultsDir, runtimeWasmDir } from './paths.js';
import type { InProcessPeerId } from './peers.js';
import { evaluateGoals, renderReport, updateReadme, writeCharts, writeResults } from './report.js';
import type { CpuCell, Results } from './results.js';
import { checkBudgets, measureSizes } from './sizes.js';
import { geomean, median, nowNs, ratio, sig } from './stats.js';
import type { BoundaryResult, CpuResult, MarkItem, MemoryResult, OpResult, Task } from './tasks.js';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    'update-readme': { type: 'boolean', default: false },
    skip: { type: 'string', default: '' },
  },
});
const quick = values.quick!;
const skip = new Set(values.skip!.split(',').filter(Boolean));
/** Only a full run replaces bench/results (and may update the README); others write to bench/build/results. */
const full = !quick && skip.size === 0;
if (values['update-readme'] && !full) {
  process.stderr.write('--update-readme needs a full run (no --quick, no --skip)\n');
  process.exit(2);
}
const t0 = nowNs();
const log = (s: string) => process.stderr.write(`${s}\n`);
const elapsed = (since: number) => (nowNs() - since) / 1e9;

// ---------------------------------------------------------------------------

function runWorker<T>(task: Task, nodeFlags: string[] = [], timeoutMs = 240_000): { value?: T; error?: string } {
  const r = spawnSync(process.execPath, [...nodeFlags, join(distDir, 'worker.js'), JSON.stringify(task)], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    timeout: timeoutMs,
  });
  if (r.status === 0) {
    try {
      return { value: JSON.parse(r.stdout.trim().split('\n').pop()!) as T };
    } catch (e) {
      return { error: `bad output: ${(e as Error).message}` };
    }
  }
  const why = r.error?.message ?? (r.signal ? `killed by ${r.signal}` : `exit ${r.status}`);
  const tail = (r.stderr ?? '').trim().split('\n').filter((l) => !/^\s+at /.test(l)).slice(-3).join(' | ').slice(0, 300);
  return { error: `${why}${tail ? `: ${tail}` : ''}` };
}

function runCHost(binary: string, args: string[]): { lines: string[]; error?: string } {
  const r = spawnSync(binary, args, { encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) return { lines: [], error: `exit ${r.status ?? r.signal}: ${(r.stderr ?? '').trim().slice(0, 200)}` };
  return { lines: r.stdout.trim().split('\n') };
}

const valuesOf = (lines: string[], prefix: string) => lines.filter((l) => l.startsWith(prefix)).map((l) => Number(l.slice(prefix.length)));

// ---------------------------------------------------------------------------

async function main(): Promise<void> {
  const info = machineInfo();
  const results: Results = {
    meta: {
      ...info,
      command: `pnpm bench${quick ? ' --quick' : ''}`,
      options: { quick, skip: [...skip] },
      sectionSeconds: {},
      notes: [],
    },
    guests: [],
    unavailable: {},
    builds: { wasmVariants: {}, cHost: {} },
  };
  const notes = results.meta.notes;
  const section = async (name: string, f: () => Promise<void> | void) => {
    if (skip.has(name)) {
      log(`[${name}] skipped`);
      return;
    }
    const s = nowNs();
    log(`[${name}] ...`);
    await f();
    results.meta.sectionSeconds[name] = Math.round(elapsed(s) * 10) / 10;
    log(`[${name}] done in ${results.meta.sectionSeconds[name]} s`);
  };

  // --- builds and guests ------------------------------------------------------
  let cHost: string | undefined;
  let cHostS0: string | undefined;
  let wasmSafe: WasmVariant | undefined;
  let guests: Record<string, CompiledGuest> = {};
  await section('build', async () => {
    try {
      cHost = await buildCHost({ safe: 1, trust: 1 });
      cHostS0 = await buildCHost({ safe: 0, trust: 0 });
      results.builds.cHost = { s1t1: relative(repoDir, cHost), s0t0: relative(repoDir, cHostS0) };
    } catch (e) {
      results.unavailable['c-host'] = `build failed: ${(e as Error).message.split('\n')[0]}`;
    }
    try {
      const s0 = await buildWasmVariant({ safe: 0, trust: 0 });
      wasmSafe = await buildWasmVariant({ safe: 1, trust: 1 });
      const rel = (v: WasmVariant) => ({ ...v, path: relative(repoDir, v.path) });
      results.builds.wasmVariants = { s0t0: rel(s0), s1t1: rel(wasmSafe) };
      try {
        const pkg = readFileSync(join(runtimeWasmDir, 'dist', 'microvium.wasm'));
        const { createHash } = await import('node:crypto');
        const same = createHash('sha256').update(pkg).digest('hex') === s0.sha256;
        results.builds.wasmS0T0MatchesPackage = same;
        if (same) {
          notes.push(
            `The bench's own build of the engine with both checks off is byte-identical to packages/runtime-wasm/dist/microvium.wasm (sha256 ${s0.sha256.slice(0, 16)}…), ` +
              `so "wasm, checks on" (${wasmSafe.size} B) differs from runtime-wasm only in MVM_SAFE_MODE and MVM_DONT_TRUST_BYTECODE.`,
          );
        } else {
          notes.push(
            `The bench's s0t0 wasm build (${s0.size} B) differs from packages/runtime-wasm/dist/microvium.wasm (${pkg.length} B): ` +
              'runtime-wasm was built from other sources or flags than its build script gives now (stale dist?), so "wasm, checks on" may differ from runtime-wasm in more than the checks.',
          );
        }
      } catch {
        notes.push('runtime-wasm is not built (packages/runtime-wasm/dist/microvium.wasm missing).');
      }
    } catch (e) {
      results.unavailable['wasm-s1t1'] = `build failed: ${(e as Error).message.split('\n')[0]}`;
    }
    guests = await compileGuests([...cpuGuests.map((g) => g.name), boundaryGuest, ...restoreGuests]);
    results.guests = cpuGuests.map((g) => ({ ...g, snapshotBytes: guests[g.name]!.bytes.length }));
  });

  const wasmSafeFile = wasmSafe?.path;
  const inProcess: InProcessPeerId[] = ['wasm', 'wasm-s1t1', 'native', 'microvium', 'quickjs'].filter(
    (p) => !results.unavailable[p],
  ) as InProcessPeerId[];

  // --- CPU-bound guests, wall clock ---------------------------------------------
  await section('cpu', () => {
    const warmup = 2;
    const reps = quick ? 3 : 10;
    const cells: Record<string, Record<string, CpuCell>> = {};
    const guestList = cpuGuests.map((g) => ({ name: g.name, n: g.n }));
    const take = (out: { value?: CpuResult; error?: string }, peers: string[]) => {
      for (const p of peers) {
        cells[p] = {};
        for (const g of cpuGuests) {
          const c = out.value?.[p]?.[g.name];
          cells[p]![g.name] = out.error ? { error: out.error } : c?.error ? { error: c.error } : { result: c?.result, runs: c?.runs ?? [] };
        }
      }
    };
    // The fast peers in one process, interleaved run by run (see CpuTask).
    const mixed = [...inProcess.filter((p) => p !== 'microvium'), ...(cHost ? ['c-host' as const] : [])];
    let s = nowNs();
    take(
      runWorker<CpuResult>(
        { kind: 'cpu', peers: mixed, guests: guestList, warmup, reps, ...(cHost ? { cHost } : {}), ...(wasmSafeFile ? { wasmSafeFile } : {}) },
        [],
        480_000,
      ),
      mixed,
    );
    log(`  ${mixed.join(', ')}: ${elapsed(s).toFixed(1)} s`);
    if (inProcess.includes('microvium')) {
      // 10-20x slower than the others, and it aborts the process on some errors: its own process, fewer runs.
      s = nowNs();
      take(runWorker<CpuResult>({ kind: 'cpu', peers: ['microvium'], guests: guestList, warmup: 1, reps: 3 }), ['microvium']);
      log(`  microvium: ${elapsed(s).toFixed(1)} s`);
    }
    // Medians, and every answer checked against runtime-wasm's.
    for (const row of Object.values(cells)) {
      for (const [g, c] of Object.entries(row)) {
        if (c.runs?.length) c.ns = median(c.runs);
        const expected = cells.wasm?.[g]?.result;
        if (!c.error && expected !== undefined && c.result !== expected) {
          c.error = `returned ${c.result}, runtime-wasm ${expected}`;
          delete c.ns;
        }
      }
    }
    const ratios: Record<string, Record<string, number | undefined>> = {};
    const gm: Record<string, number | undefined> = {};
    for (const peer of Object.keys(cells)) {
      ratios[peer] = {};
      for (const g of cpuGuests) ratios[peer]![g.name] = ratio(cells[peer]![g.name]?.ns, cells.wasm?.[g.name]?.ns);
      const rs = Object.values(ratios[peer]!).filter((x): x is number => x !== undefined);
      gm[peer] = rs.length === cpuGuests.length ? geomean(rs) : undefined;
    }
    results.cpu = { warmup, reps, rounds: 1, cells, ratios, geomean: gm };
  });

  // --- host/guest boundary ---------------------------------------------------------
  await section('boundary', () => {
    const peers: Record<string, Partial<Record<string, OpResult>>> = {};
    let snapshotSizes: Record<string, number> = {};
    const batchMs = 10;
    const batches = quick ? 5 : 11;
    const rounds = quick ? 1 : 2;
    for (let round = 0; round < rounds; round++) {
      // A process per peer and round; the order alternates so drift on a shared machine favours no one.
      const order = round % 2 ? [...inProcess].reverse() : inProcess;
      for (const peer of order) {
        const s = nowNs();
        const out = runWorker<BoundaryResult>({ kind: 'boundary', peer, batchMs, batches, ...(wasmSafeFile ? { wasmSafeFile } : {}) });
        const row = (peers[peer] ??= {});
        if (out.error) row.callInt = { error: out.error };
        else {
          const { snapshotSizes: sizes, ...ops } = out.value!;
          snapshotSizes = sizes;
          for (const [k, v] of Object.entries(ops) as [string, OpResult][]) {
            const old = row[k];
            if (old && 'runs' in old && 'runs' in v && old.runs && v.runs) {
              const runs = [...old.runs, ...v.runs];
              row[k] = { ns: median(runs), iterations: v.iterations, runs };
            } else if (!old || !('ns' in old)) row[k] = v;
          }
        }
        log(`  ${peer} round ${round + 1}: ${elapsed(s).toFixed(1)} s`);
      }
    }
    if (cHost) {
      const reps = 7;
      const op = (mode: string, file: string, iter: number): OpResult => {
        const r = runCHost(cHost!, [mode, file, String(iter), String(reps)]);
        return r.error ? { error: r.error } : { ns: median(valuesOf(r.lines, 'ns ')), iterations: iter };
      };
      const file = guests[boundaryGuest]!.file;
      peers['c-host'] = {
        callInt: op('call', file, quick ? 100_000 : 300_000),
        importRoundTrip: op('import', file, quick ? 100_000 : 300_000),
        restoreSmall: op('restore', guests['restore-small']!.file, 20_000),
        restoreMedium: op('restore', guests['restore-medium']!.file, 5_000),
        restoreLarge: op('restore', guests['restore-large']!.file, 2_000),
      };
    }
    results.boundary = { peers, snapshotSizes };
  });

  // --- memory per VM, up to 10,000 VMs in one process ------------------------------------
  await section('memory', () => {
    const count = quick ? 1000 : 10_000;
    const mem: Record<string, MemoryResult | { error: string }> = {};
    for (const peer of inProcess.filter((p) => p !== 'wasm-s1t1')) {
      const s = nowNs();
      const out = runWorker<MemoryResult>({ kind: 'memory', peer, count }, ['--expose-gc', '--max-old-space-size=8192'], 300_000);
      mem[peer] = out.error ? { error: out.error } : out.value!;
      log(`  ${peer}: ${elapsed(s).toFixed(1)} s`);
    }
    results.memory = mem;
  });

  // --- cold start --------------------------------------------------------------------
  await section('cold', () => {
    const runs = quick ? 5 : 15;
    const probes: { key: string; args: string[] }[] = [
      { key: 'bare', args: ['-e', ''] },
      ...inProcess.filter((p) => p !== 'wasm-s1t1').map((p) => ({ key: p, args: [join(distDir, 'cold.js'), p] })),
    ];
    const times: Record<string, number[]> = {};
    const errors: Record<string, string> = {};
    for (let i = 0; i < runs + 1; i++) {
      for (const p of probes) {
        if (errors[p.key]) continue;
        const s = nowNs();
        const r = spawnSync(process.execPath, p.args, { encoding: 'utf8', timeout: 60_000 });
        const ms = elapsed(s) * 1000;
        if (r.status !== 0) errors[p.key] = `exit ${r.status}: ${(r.stderr ?? '').trim().split('\n').pop()}`;
        else if (i > 0) (times[p.key] ??= []).push(ms); // the first round warms the file cache
      }
    }
    const peers: Record<string, { ms?: number; error?: string }> = {};
    for (const p of probes.slice(1)) peers[p.key] = errors[p.key] ? { error: errors[p.key] } : { ms: median(times[p.key]!) };
    results.coldStart = { runs, baselineMs: median(times.bare ?? []), peers };
  });

  // --- instruction counts: callgrind and emulated boards ---------------------------------------
  const countGuests = cpuGuests.map((g) => ({ kind: 'run' as const, name: g.name, n: g.countN, file: guests[g.name]?.file ?? '' }));
  const boundaryFile = guests[boundaryGuest]?.file ?? '';
  const countOps = [
    { kind: 'callInt' as const, name: 'callInt', n: 10_000, file: boundaryFile },
    { kind: 'importRoundTrip' as const, name: 'importRoundTrip', n: 10_000, file: boundaryFile },
    { kind: 'restoreSmall' as const, name: 'restoreSmall', n: 20, file: guests['restore-small']?.file ?? '' },
  ];
  const instructions: NonNullable<Results['instructions']> = { peers: {}, boards: [], ratios: {}, geomean: {} };
  const reference: Record<string, number> = {};
  if (cHost && (!skip.has('instructions') || !skip.has('boards'))) {
    // Reference answers at countN, from the C host without valgrind.
    const r = runCHost(cHost, ['marks', ...countGuests.flatMap((g) => ['run', g.file, String(g.n)])]);
    const vals = valuesOf(r.lines, 'result ');
    countGuests.forEach((g, i) => (reference[g.name] = vals[i]!));
  }
  await section('instructions', () => {
    const vg = valgrindVersion();
    if (!vg) {
      for (const p of ['wasm', 'wasm-s1t1', 'native', 'c-host', 'c-host-s0t0']) instructions.peers[p] = { error: 'valgrind is not installed' };
      return;
    }
    const record = (key: string, c: { instructions: Record<string, number>; results: Record<string, number>; seconds: number; markCost: number }) => {
      for (const g of countGuests) {
        if (reference[g.name] !== undefined && c.results[g.name] !== reference[g.name]) {
          throw new Error(`${g.name}: returned ${c.results[g.name]}, the C host ${reference[g.name]}`);
        }
      }
      const counts: Record<string, number> = {};
      for (const g of countGuests) counts[g.name] = c.instructions[g.name]!;
      const ops: Record<string, number> = {};
      for (const o of countOps) ops[o.name] = c.instructions[o.name]! / o.n;
      instructions.peers[key] = { counts, ops, seconds: c.seconds, markCost: c.markCost };
      log(`  ${key}: ${c.seconds.toFixed(1)} s`);
    };
    const strip = (xs: { kind: MarkItem['kind']; name: string; n: number }[]) => xs.map(({ kind, name, n }) => ({ kind, name, n }));
    for (const peer of ['wasm', 'wasm-s1t1', 'native'] as const) {
      if (!inProcess.includes(peer)) continue;
      try {
        // Guests and boundary operations in separate processes: the operations
        // are measured in a fresh process, as the wall-clock figures are.
        const file = peer === 'wasm-s1t1' ? wasmSafeFile : undefined;
        const a = countNodePeer(peer, strip(countGuests), file);
        const b = countNodePeer(peer, strip(countOps), file);
        record(peer, {
          instructions: { ...a.instructions, ...b.instructions },
          results: { ...a.results, ...b.results },
          seconds: a.seconds + b.seconds,
          markCost: Math.max(a.markCost, b.markCost),
        });
      } catch (e) {
        instructions.peers[peer] = { error: (e as Error).message.slice(0, 300) };
      }
    }
    for (const [key, bin] of [['c-host', cHost], ['c-host-s0t0', cHostS0]] as const) {
      if (!bin) continue;
      try {
        record(key, countCHost(key, bin, [...countGuests, ...countOps]));
      } catch (e) {
        instructions.peers[key] = { error: (e as Error).message.slice(0, 300) };
      }
    }
  });
  await section('boards', async () => {
    for (const kind of boardKinds) {
      const run = await runBoard(
        kind,
        countGuests.map((g) => ({ name: g.name, n: g.n, bytes: guests[g.name]!.bytes })),
      );
      for (const [g, r] of Object.entries(run.guests)) {
        if (r.result !== undefined && reference[g] !== undefined && r.result !== reference[g]) {
          run.guests[g] = { error: `returned ${r.result}, the C host ${reference[g]}` };
        }
      }
      instructions.boards.push(run);
      if (run.counterHz && run.bannerClockHz && run.counterHz !== run.bannerClockHz) {
        notes.push(
          `${kind}: the agent announces clock=${run.bannerClockHz} but QEMU runs its cycle counter at ${run.counterHz / 1e6} MHz; ` +
            `instructions here use QEMU's rate (the agent's own cycles-to-time conversion is off by ${sig(run.counterHz / run.bannerClockHz)}× on this emulator).`,
        );
      }
      log(`  ${kind}: ${run.unavailable ?? `${run.seconds.toFixed(1)} s`}`);
    }
  });
  if (!skip.has('instructions') || !skip.has('boards')) {
    const base = instructions.peers.wasm?.counts;
    const series: Record<string, Record<string, number | undefined>> = {};
    for (const [k, v] of Object.entries(instructions.peers)) if (v.counts) series[k] = v.counts;
    for (const b of instructions.boards) {
      if (!b.unavailable) series[b.kind] = Object.fromEntries(Object.entries(b.guests).map(([g, r]) => [g, r.instructions]));
    }
    for (const [k, counts] of Object.entries(series)) {
      instructions.ratios[k] = {};
      for (const g of cpuGuests) instructions.ratios[k]![g.name] = ratio(counts[g.name], base?.[g.name]);
      const rs = Object.values(instructions.ratios[k]!).filter((x): x is number => x !== undefined);
      instructions.geomean[k] = rs.length === cpuGuests.length ? geomean(rs) : undefined;
    }
    results.instructions = instructions;
  }

  // --- sizes ---------------------------------------------------------------------------
  await section('sizes', () => {
    const items = measureSizes();
    results.sizes = { items, budgets: checkBudgets(items) };
  });

  for (const p of ['wasm', 'native', 'microvium', 'quickjs'] as const) {
    const err = results.cpu?.cells[p] && Object.values(results.cpu.cells[p]!).every((c) => c.error);
    if (err) results.unavailable[p] ??= Object.values(results.cpu!.cells[p]!)[0]!.error!;
  }
  results.goals = evaluateGoals(results);
  results.meta.durationS = Math.round(elapsed(t0));
  const outDir = full ? resultsDir : join(buildDir, 'results');
  const files = writeResults(results, outDir);
  const charts = writeCharts(results, outDir);
  const report = renderReport(results, { charts });
  process.stdout.write(`${report}\n`);
  if (values['update-readme']) {
    updateReadme(results, charts);
    log('README.md performance section updated');
  }
  log(`wrote ${[files, ...charts.map((c) => c.file)].join(', ')}`);
  log(`pnpm bench: ${results.meta.durationS} s`);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
