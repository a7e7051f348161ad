/** Markdown tables, the results JSON, SVG charts and the README section. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { boardKinds } from './boards.js';
import { cpuGuests } from './guests.js';
import { readmePath, repoDir, resultsDir } from './paths.js';
import { peerDescriptions, peerLabels, type Goal, type Results } from './results.js';
import { geomean, ratio, sig } from './stats.js';
import { renderBarChart } from './svg.js';
import type { BoundaryOp, MemoryResult, OpResult } from './tasks.js';

const cpuPeers = ['wasm', 'wasm-s1t1', 'native', 'c-host', 'microvium', 'quickjs'];
const x86CountPeers = ['wasm', 'wasm-s1t1', 'native', 'c-host', 'c-host-s0t0'];
const boardLabels: Record<string, string> = {
  'qemu-mps2-an385': 'Cortex-M3 (QEMU mps2-an385)',
  'qemu-netduinoplus2': 'Cortex-M4 (QEMU netduinoplus2)',
  'qemu-mps2-an500': 'Cortex-M7 (QEMU mps2-an500)',
  'qemu-riscv32-virt': 'RV32IMAC (QEMU virt)',
};
const label = (k: string) => peerLabels[k] ?? boardLabels[k] ?? k;

const boundaryRows: { op: BoundaryOp; title: string; unit: 'ns' | 'µs' }[] = [
  { op: 'callInt', title: 'host → guest call, two ints (`add(a, b)`)', unit: 'ns' },
  { op: 'callString', title: 'host → guest call with a 16-char string', unit: 'ns' },
  { op: 'callObject', title: 'host → guest call with a plain object `{a, b}`', unit: 'ns' },
  { op: 'importRoundTrip', title: 'guest → host import round trip (host calls guest, guest calls host)', unit: 'ns' },
  { op: 'importWithHeldObjects', title: 'the same import round trip while the host holds 100,000 guest objects', unit: 'ns' },
  { op: 'proxyGet', title: 'proxy property get (`o.a`)', unit: 'ns' },
  { op: 'proxySet', title: 'proxy property set (`o.a = i`)', unit: 'ns' },
  { op: 'createSnapshot', title: 'createSnapshot()', unit: 'µs' },
  { op: 'restoreSmall', title: 'restore + dispose, small snapshot', unit: 'µs' },
  { op: 'restoreMedium', title: 'restore + dispose, medium snapshot', unit: 'µs' },
  { op: 'restoreLarge', title: 'restore + dispose, large snapshot', unit: 'µs' },
];

function opNs(r: OpResult | undefined): number | undefined {
  return r && 'ns' in r ? r.ns : undefined;
}

const times = (x: number | undefined) => (x === undefined ? '' : ` (${sig(x, 2)}×)`);

function table(head: string[], rows: string[][], align?: string[]): string {
  const a = align ?? head.map((_, i) => (i === 0 ? '---' : '---:'));
  return [`| ${head.join(' | ')} |`, `|${a.join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

/** Footnotes collected while rendering (a peer that could not do something, and why). */
class Notes {
  private list: string[] = [];
  add(text: string): string {
    let i = this.list.indexOf(text);
    if (i < 0) i = this.list.push(text) - 1;
    return `[^${i + 1}]`;
  }
  render(): string {
    return this.list.map((t, i) => `[^${i + 1}]: ${t}`).join('\n');
  }
  get size() {
    return this.list.length;
  }
}

function cellError(notes: Notes, text: string, short = 'failed'): string {
  return `${short} ${notes.add(text)}`;
}

// ---------------------------------------------------------------------------------

export function evaluateGoals(r: Results): Goal[] {
  const goals: Goal[] = [];
  const b = r.boundary?.peers;
  const wasmOp = (op: BoundaryOp) => opNs(b?.wasm?.[op]);
  const g = (issue: number, goal: string, value: number | undefined, figure: (v: number) => string, test: (v: number) => boolean, note?: string) =>
    goals.push({
      issue,
      goal,
      ...(value !== undefined && Number.isFinite(value) ? { value, figure: figure(value), met: test(value) } : { figure: 'not measured' }),
      ...(note ? { note } : {}),
    });
  g(3, 'host → guest call ≤ 90 ns', wasmOp('callInt'), (v) => `${sig(v)} ns`, (v) => v <= 90, '`add(a, b)` with two ints, median');
  g(3, 'import round trip ≤ 150 ns', wasmOp('importRoundTrip'), (v) => `${sig(v)} ns`, (v) => v <= 150, 'host → guest → host import → back');
  const small = r.boundary?.snapshotSizes['restore-small'];
  g(3, 'restore ≤ 30 µs', (wasmOp('restoreSmall') ?? NaN) / 1000, (v) => `${sig(v)} µs`, (v) => v <= 30, `restoreSync + dispose of a ${small ?? '?'}-byte snapshot`);
  const wm = r.memory?.wasm as MemoryResult | undefined;
  g(3, '≤ 128 KiB of WASM memory per VM', wm?.enginePerVm, (v) => `${sig(v / 1024)} KiB`, (v) => v <= 128 * 1024, wm ? `RSS grows ${sig(wm.rssPerVm / 1024)} KiB per VM with ${wm.created.toLocaleString('en-US')} live VMs` : undefined);
  const full = !r.meta.options.quick;
  g(3, '10,000 live VMs in one Node process', wm && full ? wm.created : undefined, (v) => `${v.toLocaleString('en-US')} created${wm?.error ? ` (${wm.error})` : ''}`, (v) => v >= 10_000, wm ? `all called once; ${sig(wm.createMs)} ms to create them` : undefined);
  const size = (k: string) => r.sizes?.items.find((i) => i.key === k)?.bytes;
  g(3, '.wasm ≤ 36 kB', size('wasm'), (v) => `${v.toLocaleString('en-US')} B (gzip ${size('wasm.gzip')?.toLocaleString('en-US') ?? '?'} B)`, (v) => v <= 36_000);
  g(3, 'bundle ≤ 64 kB minified', size('bundle'), (v) => `${v.toLocaleString('en-US')} B (gzip ${size('bundle.gzip')?.toLocaleString('en-US') ?? '?'} B)`, (v) => v <= 64_000, 'packages/runtime-wasm/dist/index.js, wasm inlined');
  const safe = r.cpu?.geomean['wasm-s1t1'];
  const safeCount = r.instructions?.geomean['wasm-s1t1'];
  g(3, 'CPU-bound guests ≥ 1.5× faster than the same engine with MVM_SAFE_MODE 1 + MVM_DONT_TRUST_BYTECODE 1', safe, (v) => `${sig(v)}× faster (wall clock, geomean)`, (v) => v >= 1.5,
    `geomean of (checks-on time / runtime-wasm time) over the ${cpuGuests.length} guests${safeCount ? `; instructions: ${sig(safeCount)}×` : ''}`);
  const native = r.cpu?.geomean.native;
  const nativeCount = r.instructions?.geomean.native;
  g(4, 'CPU-bound guests ≤ 0.65 of runtime-wasm\'s time (geomean)', native, (v) => `${sig(v)}`, (v) => v <= 0.65, nativeCount ? `instructions: ${sig(nativeCount)} of runtime-wasm's` : undefined);
  const cells = r.cpu?.cells;
  const vsC = cells ? cpuGuests.map((x) => ratio(cells.native?.[x.name]?.ns, cells['c-host']?.[x.name]?.ns)) : [];
  const vsCOk = vsC.length && vsC.every((x) => x !== undefined) ? geomean(vsC as number[]) : undefined;
  const cnt = r.instructions?.peers;
  const vsCCount = cnt?.native?.counts && cnt['c-host']?.counts
    ? geomean(cpuGuests.map((x) => cnt.native!.counts![x.name]! / cnt['c-host']!.counts![x.name]!))
    : undefined;
  g(4, 'within 1.15× of a plain C host of the same build', vsCOk, (v) => `${sig(v)}×`, (v) => v <= 1.15, vsCCount ? `instructions: ${sig(vsCCount)}×` : undefined);
  const nc = opNs(b?.native?.callInt);
  const wc = wasmOp('callInt');
  const nci = cnt?.native?.ops?.callInt;
  const wci = cnt?.wasm?.ops?.callInt;
  g(4, 'host → guest call overhead no worse than runtime-wasm', nc !== undefined && wc !== undefined ? nc / wc : undefined, (v) => `${sig(nc)} ns vs ${sig(wc)} ns (${sig(v)}×)`, (v) => v <= 1.0,
    nci && wci ? `instructions per call: ${sig(nci)} vs ${sig(wci)} (${sig(nci / wci)}×)` : undefined);
  const mv = r.cpu?.geomean.microvium;
  if (mv !== undefined && native !== undefined) {
    goals.push({ issue: 4, goal: 'where it stands against the microvium package\'s own Node runtime', value: mv / native, figure: `the package takes ${sig(mv / native)}× runtime-node-native's time (${sig(mv)}× runtime-wasm's)` });
  }
  return goals;
}

// ---------------------------------------------------------------------------------

export interface Chart {
  name: string;
  title: string;
  file: string;
}

export function renderReport(r: Results, opts: { charts: Chart[]; forReadme?: boolean }): string {
  const notes = new Notes();
  const out: string[] = [];
  const m = r.meta;
  const when = m.date.replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
  out.push(
    `Measured ${when} on ${m.cpu} (${m.cores} cores, ${m.memoryGiB} GiB, ${m.os}, Linux ${m.kernel}), Node ${m.node}` +
      `${m.commit ? `, commit ${m.commit}${m.dirtyFiles ? ` with ${m.dirtyFiles} changed files` : ''}` : ''}; ` +
      `\`${m.command}\` took ${m.durationS ?? '?'} s. The machine is a shared VM: wall-clock figures move by ±10-30% between runs. Instruction counts of the C hosts and boards do not; those of the Node peers depend on V8's JIT state (the same build has given 3,165 and 9,360 instructions per WASM call in two runs).`,
  );
  out.push('');
  out.push('Peers:', '', ...Object.entries(peerDescriptions).map(([k, d]) => `- **${label(k)}**: ${d}.`));
  for (const [k, why] of Object.entries(r.unavailable)) out.push(`\n**${label(k)} did not run**: ${why}`);

  // --- CPU ---------------------------------------------------------------------------
  if (r.cpu) {
    const c = r.cpu;
    out.push('', `### CPU-bound guests (wall clock)`, '');
    out.push(
      `Median of ${c.reps} runs after ${c.warmup} warm-up runs, each on a freshly restored VM, the peers interleaved run by run in one process ` +
        '(the C host: a process per run, timing its own call; the microvium package: its own process, 3 runs after 1); ' +
        'ms per run, and in brackets the time relative to runtime-wasm (lower is faster). Same guest source and iteration count for every peer; every answer is checked against runtime-wasm\'s.',
      '',
    );
    const rows = cpuGuests.map((g) => [
      `${g.title} (\`${g.name}\`)`,
      g.n.toLocaleString('en-US'),
      ...cpuPeers.map((p) => {
        const cell = c.cells[p]?.[g.name];
        if (!cell) return r.unavailable[p] ? cellError(notes, `${label(p)}: ${r.unavailable[p]}`, 'n/a') : '—';
        if (cell.error) return cellError(notes, `${label(p)}, ${g.name}: ${cell.error}`);
        return `${sig((cell.ns ?? NaN) / 1e6)} ms${p === 'wasm' ? '' : times(c.ratios[p]?.[g.name])}`;
      }),
    ]);
    rows.push(['**geometric mean, × runtime-wasm**', '', ...cpuPeers.map((p) => (c.geomean[p] !== undefined ? `**${sig(c.geomean[p], 3)}×**` : '—'))]);
    out.push(table(['guest', 'n', ...cpuPeers.map(label)], rows));
    const chart = opts.charts.find((x) => x.name === 'cpu-time-ratios');
    if (opts.forReadme && chart) out.push('', `![${chart.title}](${chart.file})`);
  }

  // --- instructions -------------------------------------------------------------------
  if (r.instructions) {
    const ins = r.instructions;
    out.push('', '### Instructions per guest run', '');
    out.push(
      'Each guest at a smaller n, counted exactly: x86-64 instructions with `valgrind --tool=callgrind` (Node peers: V8 single-threaded, the guest warmed up first, then run three times on fresh VMs and the least count kept, as V8\'s tiering sometimes leaves one run in slower code; ' +
        'everything between two marks counts, so the JavaScript glue of one call is included), and guest instructions on emulated boards with QEMU `-icount shift=0` ' +
        '(the agent\'s cycle counter around `mvm_call`, converted at 1 instruction per virtual ns; Debian\'s QEMU 7.2 ships no TCG plugins such as libinsn.so, so icount it is). ' +
        'Boards count Thumb-2 / RV32 instructions, the others x86-64: compare boards with each other and x86 peers with each other. Millions of instructions; in brackets × runtime-wasm\'s count.',
      '',
    );
    const cols = [...x86CountPeers, ...boardKinds];
    const rows = cpuGuests.map((g) => [
      `\`${g.name}\``,
      g.countN.toLocaleString('en-US'),
      ...cols.map((k) => {
        const p = ins.peers[k];
        const b = ins.boards.find((x) => x.kind === k);
        let v: number | undefined;
        if (p) {
          if (p.error) return cellError(notes, `${label(k)}: ${p.error}`);
          v = p.counts?.[g.name];
        } else if (b) {
          if (b.unavailable) return cellError(notes, `${label(k)}: ${b.unavailable}`, 'n/a');
          const e = b.guests[g.name];
          if (e?.error) return cellError(notes, `${label(k)}, ${g.name}: ${e.error}`);
          v = e?.instructions;
        } else return '—';
        return v === undefined ? '—' : `${sig(v / 1e6)} M${k === 'wasm' ? '' : times(ins.ratios[k]?.[g.name])}`;
      }),
    ]);
    rows.push(['**geometric mean, × runtime-wasm**', '', ...cols.map((k) => (ins.geomean[k] !== undefined ? `**${sig(ins.geomean[k], 3)}×**` : '—'))]);
    out.push(table(['guest', 'n', ...cols.map(label)], rows));
    const opPeers = x86CountPeers.filter((k) => ins.peers[k]?.ops);
    if (opPeers.length) {
      out.push(
        '',
        'x86-64 instructions per boundary operation (callgrind; Node peers in a fresh process, each operation 50,000 times untimed (restores: 20) and then 10,000 times (20) between two marks, so the JavaScript is optimised; in brackets × runtime-wasm):',
        '',
      );
      const opRows: [string, string][] = [
        ['callInt', 'host → guest call, two ints'],
        ['importRoundTrip', 'import round trip'],
        ['restoreSmall', 'restore + dispose, small snapshot'],
      ];
      out.push(
        table(
          ['operation', ...opPeers.map(label)],
          opRows.map(([op, title]) => [
            title,
            ...opPeers.map((k) => {
              const v = ins.peers[k]!.ops![op];
              return v === undefined ? '—' : `${sig(v)}${k === 'wasm' ? '' : times(ratio(v, ins.peers.wasm?.ops?.[op]))}`;
            }),
          ]),
        ),
      );
    }
  }

  // --- boundary ---------------------------------------------------------------------
  if (r.boundary || r.coldStart) {
    const b = r.boundary?.peers ?? {};
    const peers = cpuPeers.filter((p) => b[p] || p === 'c-host');
    out.push('', '### Host/guest boundary', '');
    const sizes = r.boundary?.snapshotSizes ?? {};
    out.push(
      'Median ns (or µs) per operation over the timed batches (two processes per peer, 11 batches of about 10 ms each, after a 150 ms warm-up); in brackets × runtime-wasm. ' +
        `Snapshots: small ${sizes['restore-small'] ?? '?'} B, medium ${sizes['restore-medium'] ?? '?'} B, large ${sizes['restore-large'] ?? '?'} B. ` +
        'The plain C host calls the engine directly (no marshalling): the floor.',
      '',
    );
    const rows = boundaryRows.map(({ op, title, unit }) => [
      title,
      ...peers.map((p) => {
        const res = b[p]?.[op];
        if (!res) {
          return p === 'c-host' && b['c-host']
            ? `— ${notes.add('The plain C host measures only the calls with ints, the import round trip and restore: the engine has no marshalling of its own to compare.')}`
            : '—';
        }
        if ('unsupported' in res) return cellError(notes, `${label(p)}: ${res.unsupported}`, 'n/a');
        if ('error' in res) return cellError(notes, `${label(p)}, ${op}: ${res.error}`);
        const v = unit === 'µs' ? res.ns / 1000 : res.ns;
        const rr = p === 'wasm' ? undefined : ratio(res.ns, opNs(b.wasm?.[op]));
        const quickjsEval = p === 'quickjs' && op.startsWith('restore') ? ` ${notes.add('QuickJS has no snapshots: a new runtime + context evaluating the same guest source, then dispose.')}` : '';
        return `${sig(v)} ${unit}${times(rr)}${quickjsEval}`;
      }),
    ]);
    if (r.coldStart) {
      const cs = r.coldStart;
      rows.push([
        `cold start: a new Node process imports the runtime, restores the small snapshot, one call (ms over a bare \`node -e ''\`: ${sig(cs.baselineMs)} ms)`,
        ...peers.map((p) => {
          const c = cs.peers[p];
          if (!c) return '—';
          if (c.error) return cellError(notes, `${label(p)}, cold start: ${c.error}`);
          const d = c.ms! - cs.baselineMs;
          return `${d >= 0 ? '+' : '−'}${sig(Math.abs(d))} ms`;
        }),
      ]);
    }
    out.push(table(['operation', ...peers.map(label)], rows));
  }

  // --- memory -----------------------------------------------------------------------
  if (r.memory) {
    out.push('', '### Memory per live VM', '');
    out.push(
      'A child process per peer restores the small snapshot N times (QuickJS: a runtime + context per VM evaluating it), keeps every VM alive and calls each once; ' +
        'RSS is read after a full GC before and after. Engine memory: runtime-wasm, the WebAssembly memory of one instance; runtime-node-native, ' +
        'the region reserved per VM; the microvium package, its VM\'s allocations (`getMemoryStats().totalSize`); QuickJS, its runtime\'s `memory_used_size` (all QuickJS runtimes share one WASM memory).',
      '',
    );
    const rows = Object.entries(r.memory).map(([p, v]) => {
      if ('error' in v && !('count' in v)) return [label(p), cellError(notes, `${label(p)}, memory: ${v.error}`), '', '', ''];
      const mres = v as MemoryResult;
      return [
        label(p),
        Number.isFinite(mres.enginePerVm) ? `${sig(mres.enginePerVm / 1024)} KiB` : '—',
        `${sig(mres.rssPerVm / 1024)} KiB`,
        `${mres.created.toLocaleString('en-US')} of ${mres.count.toLocaleString('en-US')}${mres.error ? ` ${notes.add(`${label(p)}: ${mres.error}`)}` : ''}`,
        `${sig(mres.createMs)} ms (${sig((mres.createMs * 1000) / Math.max(1, mres.created))} µs/VM)`,
      ];
    });
    out.push(table(['peer', 'engine memory per VM', 'RSS growth per VM', 'live VMs', 'create and call all'], rows));
  }

  // --- sizes ------------------------------------------------------------------------
  if (r.sizes) {
    out.push('', '### Sizes and budgets', '');
    out.push('Budgets are checked by `pnpm --filter @mvtk/bench test` (bench/test/budgets.test.ts).', '');
    const rows = r.sizes.items.map((i) => {
      const bud = r.sizes!.budgets.find((b) => b.key === i.key);
      return [
        i.label,
        i.bytes !== undefined ? i.bytes.toLocaleString('en-US') : cellError(notes, `${i.file}: ${i.missing}`, 'missing'),
        bud ? bud.max.toLocaleString('en-US') : '',
        bud ? (bud.ok ? 'ok' : '**over**') : '',
      ];
    });
    out.push(table(['artefact', 'bytes', 'budget', ''], rows, ['---', '---:', '---:', ':---:']));
  }

  // --- goals ------------------------------------------------------------------------
  if (r.goals?.length) {
    out.push('', '### Goals of issues 3 (runtime-wasm) and 4 (runtime-node-native)', '');
    out.push(
      table(
        ['issue', 'goal', 'measured', 'met'],
        r.goals.map((g) => [`#${g.issue}`, g.goal, `${g.figure}${g.note ? ` — ${g.note}` : ''}`, g.met === undefined ? '—' : g.met ? '**yes**' : '**no**']),
        ['---', '---', '---', ':---:'],
      ),
    );
  }
  if (m.notes.length) out.push('', ...m.notes.map((n) => `Note: ${n}`));
  if (opts.charts.length) {
    out.push('', 'Charts: ' + opts.charts.map((c) => (opts.forReadme ? `[${c.title}](${c.file})` : `${c.file}`)).join(', ') + '.');
  }
  if (notes.size) out.push('', notes.render());
  return out.join('\n');
}

// ---------------------------------------------------------------------------------

export function writeResults(r: Results, dir = resultsDir): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'latest.json');
  writeFileSync(file, `${JSON.stringify(r, null, 2)}\n`);
  return relative(repoDir, file);
}

export function writeCharts(r: Results, dir = resultsDir): Chart[] {
  mkdirSync(dir, { recursive: true });
  const charts: Chart[] = [];
  const write = (name: string, title: string, svg: string) => {
    const file = join(dir, `${name}.svg`);
    writeFileSync(file, svg);
    charts.push({ name, title, file: relative(repoDir, file) });
  };
  const sub = `pnpm bench, ${r.meta.date.slice(0, 10)}, ${r.meta.cpu}, Node ${r.meta.node}`;
  if (r.cpu) {
    const peers = cpuPeers.filter((p) => p !== 'wasm' && r.cpu!.cells[p]);
    write(
      'cpu-time-ratios',
      'CPU-bound guests: time relative to runtime-wasm',
      renderBarChart({
        title: 'CPU-bound guests: time relative to runtime-wasm (lower is faster)',
        subtitle: sub,
        categories: [...cpuGuests.map((g) => g.name), 'geometric mean'],
        series: peers.map((p) => ({
          name: label(p),
          values: [...cpuGuests.map((g) => r.cpu!.ratios[p]?.[g.name]), r.cpu!.geomean[p]],
          missing: [...cpuGuests.map((g) => r.cpu!.cells[p]?.[g.name]?.error?.slice(0, 60)), undefined],
        })),
        unit: 'time / runtime-wasm time (log scale)',
        log: true,
        reference: { value: 1, label: 'runtime-wasm' },
        format: (v) => `${sig(v, 2)}×`,
      }),
    );
  }
  if (r.instructions) {
    const ks = [...x86CountPeers, ...boardKinds].filter((k) => k !== 'wasm' && r.instructions!.ratios[k]);
    if (ks.length) {
      write(
        'instruction-ratios',
        'Instructions relative to runtime-wasm',
        renderBarChart({
          title: 'Instructions per guest run relative to runtime-wasm (x86-64 callgrind; boards: QEMU icount)',
          subtitle: sub,
          categories: [...cpuGuests.map((g) => g.name), 'geometric mean'],
          series: ks.map((k) => ({ name: label(k), values: [...cpuGuests.map((g) => r.instructions!.ratios[k]?.[g.name]), r.instructions!.geomean[k]] })),
          unit: 'instructions / runtime-wasm instructions (log scale)',
          log: true,
          reference: { value: 1, label: 'runtime-wasm' },
          format: (v) => `${sig(v, 2)}×`,
        }),
      );
    }
  }
  if (r.boundary) {
    const peers = cpuPeers.filter((p) => r.boundary!.peers[p]);
    write(
      'boundary',
      'Host/guest boundary',
      renderBarChart({
        title: 'Host/guest boundary: ns per operation (log scale)',
        subtitle: sub,
        categories: boundaryRows.map((b) => b.op),
        series: peers.map((p) => ({
          name: label(p),
          values: boundaryRows.map((b) => opNs(r.boundary!.peers[p]?.[b.op])),
          missing: boundaryRows.map((b) => {
            const x = r.boundary!.peers[p]?.[b.op];
            return x && 'unsupported' in x ? 'unsupported' : x && 'error' in x ? 'failed' : 'not measured';
          }),
        })),
        unit: 'ns per operation (log scale)',
        log: true,
        format: (v) => sig(v, 2),
      }),
    );
  }
  if (r.memory) {
    const entries = Object.entries(r.memory).filter(([, v]) => 'count' in v) as [string, MemoryResult][];
    write(
      'memory-per-vm',
      'Memory per live VM',
      renderBarChart({
        title: `Memory per live VM (${entries[0]?.[1].count.toLocaleString('en-US') ?? '?'} VMs in one process)`,
        subtitle: sub,
        categories: entries.map(([p]) => label(p)),
        series: [
          { name: 'engine memory per VM (KiB)', values: entries.map(([, v]) => (Number.isFinite(v.enginePerVm) ? v.enginePerVm / 1024 : undefined)) },
          { name: 'RSS growth per VM (KiB)', values: entries.map(([, v]) => v.rssPerVm / 1024) },
        ],
        unit: 'KiB per VM',
        format: (v) => sig(v, 3),
      }),
    );
  }
  if (r.sizes) {
    const items = r.sizes.items;
    write(
      'sizes',
      'Sizes and budgets',
      renderBarChart({
        title: 'Sizes (kB); red: budget',
        subtitle: sub,
        categories: items.map((i) => i.label.replace('runtime-wasm ', '').replace(' without the VM page', '')),
        series: [{ name: 'size (kB)', values: items.map((i) => (i.bytes !== undefined ? i.bytes / 1000 : undefined)), missing: items.map((i) => i.missing) }],
        limits: items.map((i) => {
          const b = r.sizes!.budgets.find((x) => x.key === i.key);
          return b ? b.max / 1000 : undefined;
        }),
        unit: 'kB (1000 bytes)',
        format: (v) => sig(v, 3),
      }),
    );
  }
  return charts;
}

const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';

/** Replaces the README's performance section (between the bench markers; appended once if missing). */
export function updateReadme(r: Results, charts: Chart[]): void {
  const readme = existsSync(readmePath) ? readFileSync(readmePath, 'utf8') : '';
  const body = [
    START,
    '## Performance',
    '',
    '<!-- Generated by `pnpm bench --update-readme` (bench/src/report.ts); edits here are overwritten. -->',
    '',
    renderReport(r, { charts: charts.map((c) => ({ ...c, file: c.file })), forReadme: true }),
    '',
    `Full results: [bench/results/latest.json](bench/results/latest.json). Run it yourself: \`pnpm bench\` (about ${Math.ceil((r.meta.durationS ?? 300) / 60)} minutes here; \`pnpm bench --quick\` for a rough pass).`,
    END,
  ].join('\n');
  const s = readme.indexOf(START);
  const e = readme.indexOf(END);
  const next = s >= 0 && e > s ? readme.slice(0, s) + body + readme.slice(e + END.length) : `${readme.replace(/\n*$/, '\n')}\n${body}\n`;
  writeFileSync(readmePath, next);
}
