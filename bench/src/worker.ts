/**
 * One peer's measurements in a process of its own (a fresh heap and JIT per
 * peer, and a peer that aborts the process cannot take the run with it).
 *
 *   node dist/worker.js '<Task as JSON>'
 *
 * Prints the result as one JSON line on stdout; everything else goes to stderr.
 */
import { spawnSync } from 'node:child_process';
import { boundaryGuest, loadGuest, restoreGuests } from './guests.js';
import { timeOp } from './measure.js';
import { makePeer, type Instance, type Peer } from './peers.js';
import { nowNs } from './stats.js';
import type {
  BoundaryOp,
  BoundaryResult,
  BoundaryTask,
  CpuResult,
  CpuTask,
  MarkItem,
  MarksTask,
  MemoryResult,
  MemoryTask,
  OpResult,
  Task,
} from './tasks.js';

const hostAdd = (a: number, b: number) => a + b;

async function cpu(task: CpuTask & { wasmSafeFile?: string }): Promise<CpuResult> {
  const out: CpuResult = {};
  const peers = new Map<string, Peer | undefined>();
  for (const id of task.peers) {
    out[id] = {};
    if (id === 'c-host') peers.set(id, undefined);
    else {
      const p = makePeer(id, task.wasmSafeFile);
      await p.ready();
      peers.set(id, p);
    }
  }
  const guests = task.guests.map((g) => ({ ...g, guest: loadGuest(g.name) }));
  const once = (id: string, g: (typeof guests)[number]): { result: number; ns: number } => {
    const peer = peers.get(id);
    if (!peer) {
      // The plain C host: one process per run, warmed by one untimed call.
      const r = spawnSync(task.cHost!, ['cpu', g.guest.file, String(g.n), '1', '1'], { encoding: 'utf8', timeout: 60_000 });
      if (r.status !== 0) throw new Error(`bench_host exited ${r.status ?? r.signal}: ${(r.stderr ?? '').trim()}`);
      const line = (p: string) => Number(r.stdout.split('\n').find((l) => l.startsWith(p))!.slice(p.length));
      return { result: line('result '), ns: line('ns ') };
    }
    const vm = peer.load(g.guest);
    try {
      const fn = vm.fn(1);
      const t0 = nowNs();
      const result = fn(g.n) as number;
      const ns = nowNs() - t0;
      return { result, ns };
    } finally {
      vm.dispose();
    }
  };
  const ids = [...peers.keys()];
  for (let rep = 0; rep < task.warmup + task.reps; rep++) {
    for (const g of guests) {
      for (let k = 0; k < ids.length; k++) {
        const id = ids[(k + rep) % ids.length]!;
        const cell = (out[id]![g.name] ??= { runs: [] });
        if (cell.error) continue;
        try {
          const { result, ns } = once(id, g);
          if (rep === 0) cell.result = result;
          if (rep >= task.warmup) cell.runs.push(ns);
        } catch (error) {
          cell.error = message(error);
        }
      }
    }
  }
  return out;
}

function message(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 200);
}

function op(f: () => (i: number) => unknown, task: BoundaryTask, check?: (r: unknown) => boolean): OpResult {
  try {
    const fn = f();
    const first = fn(0);
    if (check && !check(first)) return { error: `unexpected result ${JSON.stringify(first)}` };
    const t = timeOp(fn, task.batchMs, task.batches);
    return { ns: t.ns, iterations: t.iterations!, runs: t.runs };
  } catch (error) {
    return { error: message(error) };
  }
}

/** Guest objects the host holds for the `importWithHeldObjects` operation. */
const HELD_OBJECTS = 100_000;

async function boundary(peer: Peer, task: BoundaryTask): Promise<BoundaryResult> {
  const guest = loadGuest(boundaryGuest);
  const vm = peer.load(guest, { 1: hostAdd });
  const t = task;
  const r = {} as BoundaryResult;
  const add = vm.fn(1);
  r.callInt = op(() => (i) => add(i & 1023, 1), t, (x) => x === 1);
  const viaHost = vm.fn(2);
  r.importRoundTrip = op(() => (i) => viaHost(i & 1023, 1), t, (x) => x === 1);
  const str = vm.fn(3);
  r.callString = op(() => () => str('sixteen chars!!!'), t, (x) => x === 1);
  const u = peer.unsupported;
  if (u.objectArg) r.callObject = { unsupported: u.objectArg };
  else {
    const sum = vm.fn(4);
    r.callObject = op(() => (i) => sum({ a: i & 1023, b: 2 }), t, (x) => x === 2);
  }
  if (u.proxy || !vm.objectAccess) {
    r.proxyGet = r.proxySet = { unsupported: u.proxy ?? 'no object access' };
  } else {
    const o = vm.objectAccess(5, 'a');
    r.proxyGet = op(() => () => o.get(), t, (x) => x === 1);
    r.proxySet = op(() => (i) => o.set(i & 1023), t);
  }
  // The import round trip again while the host holds many guest objects
  // (proxies; QuickJS: handles), as a host that keeps guest values does: a
  // per-call cost that grows with them shows here (it did, on the native
  // runtime, before engine patch 0016).
  if (u.proxy || !vm.objectAccess) {
    r.importWithHeldObjects = { unsupported: u.proxy ?? 'no object access' };
  } else {
    const held = Array.from({ length: HELD_OBJECTS }, () => vm.objectAccess!(5, 'a'));
    r.importWithHeldObjects = op(() => (i) => viaHost(i & 1023, 1), t, (x) => x === 1);
    held.length = 0;
  }
  if (u.createSnapshot || !vm.createSnapshot) r.createSnapshot = { unsupported: u.createSnapshot ?? 'no createSnapshot' };
  else r.createSnapshot = op(() => () => vm.createSnapshot!(), t);
  vm.dispose();

  r.snapshotSizes = {};
  const keys: Record<string, BoundaryOp> = {
    'restore-small': 'restoreSmall',
    'restore-medium': 'restoreMedium',
    'restore-large': 'restoreLarge',
  };
  for (const name of restoreGuests) {
    const g = loadGuest(name);
    r.snapshotSizes[name] = g.bytes.length;
    // Restore (QuickJS: a new runtime + context evaluating the source) and dispose.
    r[keys[name]!] = op(() => () => peer.load(g).dispose(), t);
  }
  return r;
}

async function memory(peer: Peer, task: MemoryTask): Promise<MemoryResult> {
  const guest = loadGuest('restore-small');
  const gc = (globalThis as { gc?: () => void }).gc;
  const vms: Instance[] = [];
  const notes: string[] = [];
  // One VM first, so code and module compilation are not counted per VM.
  const first = peer.load(guest);
  first.fn(1)(1, 2);
  const enginePerVm = first.engineMemory?.() ?? NaN;
  gc?.();
  gc?.();
  const rssBefore = process.memoryUsage.rss();
  const t0 = nowNs();
  let error: string | undefined;
  try {
    for (let i = 0; i < task.count; i++) vms.push(peer.load(guest));
    let sum = 0;
    for (const vm of vms) sum += vm.fn(1)(1, 2) as number;
    if (sum !== 3 * vms.length) throw new Error(`wrong sum ${sum}`);
  } catch (e) {
    error = `failed after ${vms.length} VMs: ${message(e)}`;
  }
  const createMs = (nowNs() - t0) / 1e6;
  gc?.();
  const rssAfter = process.memoryUsage.rss();
  if (peer.id === 'native') {
    const mod = (await import('@mvtk/runtime-node-native')) as { liveRegions?: () => number };
    if (mod.liveRegions) notes.push(`live regions ${mod.liveRegions()}`);
  }
  const created = vms.length;
  for (const vm of vms) vm.dispose();
  first.dispose();
  return {
    count: task.count,
    created,
    ...(error ? { error } : {}),
    createMs,
    rssBefore,
    rssAfter,
    rssPerVm: created ? (rssAfter - rssBefore) / created : NaN,
    enginePerVm,
    notes,
  };
}

/**
 * Under callgrind (--dump-before=uv_resident_set_memory): each
 * process.memoryUsage.rss() dumps the counters, so the dump at the closing
 * mark of an item holds exactly that item. The first three segments are empty
 * (the parent subtracts the smallest: the cost of a mark). Everything runs
 * before the marks, so V8 has compiled and optimised the code.
 */
/** The same loop for warm-up and measurement, so V8 has optimised exactly it. */
function loop(f: (i: number) => unknown, n: number): void {
  for (let i = 0; i < n; i++) f(i);
}

async function marks(peer: Peer, task: MarksTask): Promise<Record<string, number>> {
  const mark = process.memoryUsage.rss;
  const results: Record<string, number> = {};
  const boundary = task.items.some((i) => i.kind !== 'run') ? loadGuest(boundaryGuest) : undefined;
  const small = task.items.some((i) => i.kind === 'restoreSmall') ? loadGuest('restore-small') : undefined;
  const bvm = boundary ? peer.load(boundary, { 1: hostAdd }) : undefined;
  // Guests are warmed up front; each boundary operation right before its
  // marks (an earlier restore loop, for one, leaves V8's call path
  // polymorphic: measured 2x the instructions per call).
  const prepared = task.items.map((item) => {
    if (item.kind === 'run') {
      const guest = loadGuest(item.name);
      const warm = peer.load(guest);
      warm.fn(1)(item.n);
      warm.dispose();
      return { item, guest, f: undefined };
    }
    return { item, guest: undefined, f: opFor(item.kind) };
  });
  function opFor(kind: MarkItem['kind']): (i: number) => unknown {
    if (kind === 'callInt') {
      const add = bvm!.fn(1);
      return (i) => add(i & 1023, 1);
    }
    if (kind === 'importRoundTrip') {
      const via = bvm!.fn(2);
      return (i) => via(i & 1023, 1);
    }
    return () => peer.load(small!).dispose();
  }
  // Three empty segments: the parent subtracts the smallest, the cost of one mark.
  for (let i = 0; i < 4; i++) mark();
  for (const { item, guest, f } of prepared) {
    if (guest) {
      for (let k = 0; k < (item.repeat ?? 1); k++) {
        const vm = peer.load(guest);
        const fn = vm.fn(1);
        mark();
        const r = fn(item.n);
        mark();
        vm.dispose();
        if (k > 0 && r !== results[item.name]) throw new Error(`${item.name}: run ${k + 1} returned ${r}, run 1 ${results[item.name]}`);
        results[item.name] = r as number;
      }
    } else {
      // V8 optimises the call path's JavaScript only after many calls (measured:
      // 2,000 warm-up calls leave a call at 3x the instructions of 50,000).
      loop(f!, item.kind === 'restoreSmall' ? item.n : 50_000);
      mark();
      loop(f!, item.n);
      mark();
      results[item.name] = item.n;
    }
  }
  bvm?.dispose();
  return results;
}

async function main(): Promise<void> {
  const task = JSON.parse(process.argv[2] ?? '{}') as Task;
  if (task.kind === 'cpu') {
    process.stdout.write(`${JSON.stringify(await cpu(task))}\n`);
    return;
  }
  const peer = makePeer(task.peer, task.wasmSafeFile);
  await peer.ready();
  let result: unknown;
  switch (task.kind) {
    case 'boundary':
      result = await boundary(peer, task);
      break;
    case 'memory':
      result = await memory(peer, task);
      break;
    case 'marks':
      result = await marks(peer, task);
      break;
  }
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
