#!/usr/bin/env node
// Snapshot fuzzing of @mvtk/runtime-wasm and @mvtk/runtime-node-native through
// their public API (README.md in this folder).
//
//   node scripts/fuzz.mjs --runtime wasm|native [--asan] [--cases N] [--seed S] [--start I]
//        [--jobs J] [--gas G] [--guard-ms MS] [--out DIR] [--max-findings K] [--verify K] [--json]
//
// --asan (native only) runs the cases on the addon built with AddressSanitizer
// (packages/runtime-node-native/test/harness/build-harness.mjs), loaded into
// the workers with the ASan runtime preloaded: the first memory error ends the
// worker with status 86 and its report lands in the finding's stderrTail.
//
// The cases run in worker processes (this script with --worker), so a crash
// or a hang of the engine is observed here instead of ending the run. Before
// each case a worker writes the case number to a progress file; when a worker
// dies (signal, non-zero exit) or makes no progress within --guard-ms, the
// case is regenerated from (seed, number) and saved as a reproducer in --out
// (bytes + a .json with what happened), checked alone in a fresh process, and
// the run goes on from the next case with a new worker. Untyped errors (a
// thrown value that is neither a MicroviumError nor a guest value) and a
// runtime that no longer serves a fresh VM are saved the same way.
//
// Prints progress every 10 s and a summary with cases/s; --json adds the
// summary as one JSON line at the end. Exit status: 0 no finding, 1 findings,
// 2 usage or setup error.
import { fork, spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildSeeds, classify, mutantFor, readCorpus, runCase, sentinelCheck, SENTINEL_SOURCE, writeCorpus } from '../src/fuzz-core.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const self = fileURLToPath(import.meta.url);

const { values: opt } = parseArgs({
  options: {
    runtime: { type: 'string' },
    cases: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '1' },
    start: { type: 'string', default: '0' },
    jobs: { type: 'string', default: '1' },
    gas: { type: 'string', default: '50000' },
    'guard-ms': { type: 'string', default: '20000' },
    'snapshot-every': { type: 'string', default: '1' },
    out: { type: 'string', default: join(here, '..', 'reproducers') },
    'max-findings': { type: 'string', default: '25' },
    verify: { type: 'string', default: '20' },
    json: { type: 'boolean', default: false },
    asan: { type: 'boolean', default: false },
    quiet: { type: 'boolean', default: false },
    // worker mode (internal)
    worker: { type: 'boolean', default: false },
    from: { type: 'string' },
    to: { type: 'string' },
    corpus: { type: 'string' },
    sentinel: { type: 'string' },
    progress: { type: 'string' },
  },
});

const runtimes = { wasm: '@mvtk/runtime-wasm', native: '@mvtk/runtime-node-native' };
if (!runtimes[opt.runtime] || (opt.asan && opt.runtime !== 'native')) {
  process.stderr.write('usage: fuzz.mjs --runtime wasm|native [--asan (native)] [--cases N] [--seed S] [--start I] [--jobs J] [--gas G] [--guard-ms MS] [--out DIR] [--json]\n');
  process.exit(2);
}
const int = (name) => {
  const n = Number(opt[name]);
  if (!Number.isInteger(n) || n < 0) {
    process.stderr.write(`--${name} must be a whole number\n`);
    process.exit(2);
  }
  return n;
};

if (opt.worker) await worker();
else await main();

// ---- worker ------------------------------------------------------------------

async function worker() {
  const rt = await import(runtimes[opt.runtime]);
  await rt.Microvium.ready();
  const seeds = readCorpus(opt.corpus);
  const sentinel = readCorpus(opt.sentinel)[0];
  const seed = int('seed');
  const from = int('from');
  const to = int('to');
  const gas = int('gas');
  const snapshotEvery = Math.max(1, int('snapshot-every'));
  const fd = openSync(opt.progress, 'r+');
  const mark = new Float64Array(1);
  const markBytes = new Uint8Array(mark.buffer);
  const counts = {};
  const send = (m) => process.send?.(m);
  const regionCounts = () => (opt.runtime === 'native' ? { liveRegions: rt.liveRegions(), liveVms: rt.liveVms() } : {});
  const base = regionCounts();
  let done = 0;
  const sentinelFails = [];
  let current = from;
  const leakSuspects = [];
  // A promise nobody observed (there should be none: runCase observes every
  // promise it meets) must still end in a typed error or a guest value.
  process.on('unhandledRejection', (e) => {
    const c = classify(rt.MicroviumError, e);
    counts[`unhandled-rejection ${c.kind === 'untyped' ? 'untyped' : c.key}`] = (counts[`unhandled-rejection ${c.kind === 'untyped' ? 'untyped' : c.key}`] ?? 0) + 1;
    if (c.kind === 'untyped') send({ type: 'untyped', index: current, where: 'unhandled rejection', error: c.key });
  });
  for (let i = from; i < to; i++) {
    current = i;
    mark[0] = i;
    writeSync(fd, markBytes, 0, 8, 0);
    let bytes;
    try {
      bytes = mutantFor(seeds, seed, i).bytes;
    } catch (e) {
      // A bug of this script, not a finding about the runtime.
      send({ type: 'harness-error', index: i, message: String(e && e.stack ? e.stack : e) });
      await new Promise((res) => setTimeout(res, 50));
      process.exit(3);
    }
    const r = runCase(rt, bytes, { gas, counts, snapshotRestore: i % snapshotEvery === 0 });
    for (const u of r.untyped) send({ type: 'untyped', index: i, ...u });
    if (opt.runtime === 'native') {
      // Every VM of the case was disposed: the addon's table must be back where it was.
      const vms = rt.liveVms() - base.liveVms;
      if (vms > leakSuspects.length) leakSuspects.push(i);
    }
    if (r.fatal || i % 64 === 0) {
      let why;
      try {
        why = sentinelCheck(rt.Microvium, sentinel);
      } catch (e) {
        why = `the sentinel VM failed: ${e && e.stack ? e.stack : e}`;
      }
      if (why) {
        sentinelFails.push(i);
        send({ type: 'sentinel', index: i, message: why });
      }
    }
    done++;
    if ((done & 63) === 0) {
      await new Promise((res) => setImmediate(res)); // async results settle, IPC flushes
      send({ type: 'stats', done, at: i, counts });
    }
  }
  mark[0] = to;
  writeSync(fd, markBytes, 0, 8, 0);
  closeSync(fd);
  for (let k = 0; k < 5; k++) {
    globalThis.gc?.();
    await new Promise((res) => setTimeout(res, 10));
  }
  let finalSentinel;
  try {
    finalSentinel = sentinelCheck(rt.Microvium, sentinel);
  } catch (e) {
    finalSentinel = String(e);
  }
  const after = regionCounts();
  send({
    type: 'final',
    done,
    counts,
    sentinelFails,
    finalSentinel: finalSentinel ?? null,
    rss: process.memoryUsage().rss,
    regions: opt.runtime === 'native' ? { before: base, after } : undefined,
    // Cases after which a VM stayed in the addon's table, if it is still there after GC.
    leaks: opt.runtime === 'native' && after.liveVms > base.liveVms ? leakSuspects.slice(0, after.liveVms - base.liveVms) : [],
  });
  // Let the message go out before exiting.
  await new Promise((res) => setTimeout(res, 20));
  process.exit(0);
}

// ---- parent ------------------------------------------------------------------

function readProgress(file) {
  const fd = openSync(file, 'r');
  try {
    const b = new Uint8Array(8);
    readSync(fd, b, 0, 8, 0);
    return new Float64Array(b.buffer)[0];
  } finally {
    closeSync(fd);
  }
}

async function main() {
  // The runtime under test, as findings and the summary name it.
  const runtime = opt.asan ? 'native-asan' : opt.runtime;
  let childEnv = process.env;
  if (opt.asan) {
    const { buildAsanAddon, asanAddonEnv } = await import('../../../packages/runtime-node-native/test/harness/build-harness.mjs');
    const addon = buildAsanAddon();
    childEnv = { ...process.env, ...asanAddonEnv(addon) };
    // Proof the workers will really run instrumented: the addon loads and the
    // ASan runtime is mapped into the process.
    const probe = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(addon)}); process.stdout.write(String(require('fs').readFileSync('/proc/self/maps', 'utf8').includes('libasan')))`], { env: childEnv, encoding: 'utf8' });
    if (probe.stdout !== 'true') {
      process.stderr.write(`--asan: the AddressSanitizer addon does not load with the ASan runtime: ${probe.stderr || probe.stdout}\n`);
      process.exit(2);
    }
  }
  const seed = int('seed');
  const start = int('start');
  const total = int('cases');
  const jobs = Math.max(1, int('jobs'));
  const guardMs = int('guard-ms');
  const maxFindings = int('max-findings');
  const out = resolve(opt.out);
  const log = (s) => opt.quiet || process.stderr.write(`${s}\n`);
  const work = mkdtempSync(join(tmpdir(), 'mvtk-fuzz-'));
  const t0 = Date.now();

  const seeds = await buildSeeds();
  const corpus = join(work, 'corpus.bin');
  writeCorpus(corpus, seeds);
  const { compileGuest } = await import('@mvtk/compiler');
  const sentinelFile = join(work, 'sentinel.bin');
  writeCorpus(sentinelFile, [compileGuest(SENTINEL_SOURCE).bytes]);
  log(`fuzz ${runtime}: ${seeds.length} seeds, cases ${start}..${start + total - 1}, seed ${seed}, ${jobs} worker(s), gas ${opt.gas}/call, guard ${guardMs} ms`);

  const counts = {};
  const findings = [];
  let done = 0;
  let workersStarted = 0;
  let harnessError;
  let leaked = 0;
  let verified = 0;
  let leakSaved = 0;
  const live = new Array(jobs).fill(0);
  const rss = [];
  const regions = [];
  const tStart = Date.now();

  const seen = new Set();
  const saveFinding = (what, index, details) => {
    if (seen.has(`${what} ${index}`)) return; // one finding per kind and case
    seen.add(`${what} ${index}`);
    const { bytes, kinds, base } = mutantFor(seeds, seed, index);
    mkdirSync(out, { recursive: true });
    const name = `${runtime}-${what}-s${seed}-c${index}`;
    const file = join(out, `${name}.mvm-bc`);
    writeFileSync(file, bytes);
    const finding = { runtime, what, seed, index, kinds, baseSeed: base, bytes: bytes.length, file, ...details };
    // Does it reproduce alone, in a fresh process? If not, after the case
    // before it (a WASM instance is reused from a pool: state can carry over)?
    const replay = (paths) => {
      const r = spawnSync(process.execPath, ['--expose-gc', join(here, 'replay.mjs'), '--runtime', opt.runtime, '--gas', opt.gas, ...paths], {
        env: childEnv,
        encoding: 'utf8',
        timeout: Math.max(guardMs, 5000) * paths.length,
        killSignal: 'SIGKILL',
      });
      const outcome = r.error?.code === 'ETIMEDOUT' || r.signal === 'SIGKILL' ? 'hang' : r.signal ? `signal ${r.signal}` : `exit ${r.status}`;
      return { outcome, stdout: (r.stdout ?? '').slice(-4000), stderr: (r.stderr ?? '').slice(-2000) };
    };
    if (what !== 'sentinel' && verified++ < int('verify')) {
      const alone = replay([file]);
      finding.alone = alone.outcome;
      finding.aloneOutput = `${alone.stdout}${alone.stderr}`;
      const reproduced = what === 'hang' ? alone.outcome === 'hang' : what === 'crash' ? alone.outcome.startsWith('signal') || (alone.outcome !== 'exit 0' && alone.outcome !== 'exit 1') : alone.outcome !== 'exit 0';
      if (!reproduced && index > 0) {
        const prev = mutantFor(seeds, seed, index - 1);
        const prevFile = join(out, `${name}.previous.mvm-bc`);
        writeFileSync(prevFile, prev.bytes);
        const pair = replay([prevFile, file]);
        finding.afterPrevious = pair.outcome;
        finding.previousFile = prevFile;
      }
    }
    writeFileSync(join(out, `${name}.json`), `${JSON.stringify(finding, null, 2)}\n`);
    findings.push(finding);
    log(`  FINDING ${what} at case ${index} (${kinds.join('+')} of seed ${base}): ${file}${finding.alone ? ` (alone: ${finding.alone}${finding.afterPrevious ? `, after case ${index - 1}: ${finding.afterPrevious}` : ''})` : ''}`);
  };

  /** Runs cases [from, to) in workers until done; restarts after a crash or hang. */
  const runRange = async (from, to, slot) => {
    let next = from;
    while (next < to && findings.length < maxFindings) {
      const progress = join(work, `progress-${slot}`);
      writeFileSync(progress, new Uint8Array(new Float64Array([next]).buffer));
      workersStarted++;
      const child = fork(
        self,
        ['--worker', '--runtime', opt.runtime, '--seed', String(seed), '--from', String(next), '--to', String(to), '--corpus', corpus, '--sentinel', sentinelFile, '--progress', progress, '--gas', opt.gas, '--snapshot-every', opt['snapshot-every']],
        { stdio: ['ignore', 'ignore', 'pipe', 'ipc'], execArgv: ['--expose-gc'], env: childEnv },
      );
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (d) => (stderr = (stderr + d).slice(-8000)));
      let final;
      let hung;
      let lastCounts = {};
      child.on('message', (m) => {
        if (m.type === 'untyped') saveFinding('untyped', m.index, { where: m.where, error: m.error, stack: m.stack });
        else if (m.type === 'sentinel') saveFinding('sentinel', m.index, { message: m.message });
        else if (m.type === 'stats') {
          live[slot] = m.done;
          lastCounts = m.counts;
        }
        else if (m.type === 'harness-error') harnessError = `case ${m.index}: ${m.message}`;
        else if (m.type === 'final') final = m;
      });
      let last = next;
      let lastChange = Date.now();
      const poll = setInterval(() => {
        let at;
        try {
          at = readProgress(progress);
        } catch {
          return;
        }
        if (at !== last) {
          last = at;
          lastChange = Date.now();
        } else if (Date.now() - lastChange > guardMs && hung === undefined) {
          hung = at;
          child.kill('SIGKILL');
        }
      }, 100);
      const { code, signal } = await new Promise((res) => child.on('exit', (code, signal) => res({ code, signal })));
      clearInterval(poll);
      live[slot] = 0;
      if (harnessError) throw new Error(`fuzz.mjs itself failed at ${harnessError}`);
      if (final && code === 0) {
        done += final.done;
        for (const [k, v] of Object.entries(final.counts)) counts[k] = (counts[k] ?? 0) + v;
        rss.push(final.rss);
        if (final.regions) regions.push(final.regions);
        leaked += final.leaks.length;
        for (const index of final.leaks.slice(0, Math.max(0, 3 - leakSaved))) {
          leakSaved++;
          saveFinding('leak', index, { message: 'a VM of this case stayed in the addon table (liveVms) after dispose and GC', regions: final.regions });
        }
        if (final.finalSentinel) saveFinding('sentinel', to - 1, { message: `after the run: ${final.finalSentinel}` });
        next = to;
        continue;
      }
      const at = readProgress(progress);
      const index = hung ?? at;
      done += Math.max(0, index - next); // the cases before the one that failed completed
      for (const [k, v] of Object.entries(lastCounts)) counts[k] = (counts[k] ?? 0) + v; // up to its last report
      if (hung !== undefined) saveFinding('hang', index, { guardMs, stderrTail: stderr });
      else saveFinding('crash', index, { exitCode: code, signal, stderrTail: stderr });
      done++;
      next = index + 1;
    }
  };

  const perJob = Math.ceil(total / jobs);
  const ticker = setInterval(() => {
    const s = (Date.now() - tStart) / 1000;
    log(`  ${runtime}: ${done + live.reduce((a, b) => a + b, 0)} cases done after ${s.toFixed(0)} s, findings ${findings.length}`);
  }, 10_000);
  await Promise.all(
    Array.from({ length: jobs }, (_, j) => {
      const a = start + j * perJob;
      const b = Math.min(start + total, a + perJob);
      return a < b ? runRange(a, b, j) : undefined;
    }),
  );
  clearInterval(ticker);
  const seconds = (Date.now() - tStart) / 1000;
  rmSync(work, { recursive: true, force: true });

  const by = (prefix) => Object.entries(counts).filter(([k]) => k.startsWith(prefix)).reduce((a, [, v]) => a + v, 0);
  const summary = {
    runtime,
    seed,
    start,
    cases: done,
    seconds: Number(seconds.toFixed(1)),
    casesPerSecond: Number((done / seconds).toFixed(1)),
    setupSeconds: Number(((tStart - t0) / 1000).toFixed(1)),
    seeds: seeds.length,
    workers: workersStarted,
    restored: counts.restored ?? 0,
    refused: by('restore '),
    calls: (counts['call ok'] ?? 0) + by('call '),
    fatal: Object.entries(counts).filter(([k]) => k.endsWith(' fatal')).reduce((a, [, v]) => a + v, 0),
    findings: findings.map(({ what, index, file, error, message, signal, exitCode, alone, afterPrevious }) => ({ what, index, file, error, message, signal, exitCode, alone, afterPrevious })),
    crashes: findings.filter((f) => f.what === 'crash').length,
    hangs: findings.filter((f) => f.what === 'hang').length,
    untyped: findings.filter((f) => f.what === 'untyped').length,
    sentinelFailures: findings.filter((f) => f.what === 'sentinel').length,
    leakedVms: leaked,
    maxWorkerRss: rss.length ? Math.max(...rss) : undefined,
    regions,
    counts,
  };
  log(
    `fuzz ${runtime}: ${done} cases in ${seconds.toFixed(1)} s = ${summary.casesPerSecond} cases/s; restored ${summary.restored}, refused ${summary.refused}, ` +
      `${summary.calls} calls, ${summary.fatal} fatal; crashes ${summary.crashes}, hangs ${summary.hangs}, untyped ${summary.untyped}, sentinel failures ${summary.sentinelFailures}` +
      (opt.runtime === 'native' ? `, VMs leaked ${leaked}` : ''),
  );
  if (opt.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
  process.exitCode = findings.length ? 1 : 0;
}
