// What is specific to the Node-API backend: fatal engine errors stop one VM
// and never the process, one 64 KiB-aligned region per VM released on
// dispose and on finalization, many VMs per process, one addon instance per
// worker thread, and typed errors for corrupt snapshots.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { compileGuest } from '@mvtk/compiler';
import { oomGuest } from '@mvtk/runtime-core/test/api-suite';
import { backend, liveRegions, liveVms, Microvium, MicroviumError, type MicroviumVM } from '../src/index.js';
import { loadBinding } from '../src/binding.js';
import { assertBuilt, fixturesDir, lastJson, runNode } from './helpers.js';

const PAGE = 0x10000;
const WINDOW = 0x20000;

const counterGuest = `
const host = vmImport(1);
let n = 0;
vmExport(1, (x) => host(x) + 1);
vmExport(2, () => { n++; return n; });
`;

let oom: Uint8Array;
let counter: Uint8Array;
const live: MicroviumVM[] = [];

beforeAll(() => {
  oom = compileGuest(oomGuest, { filename: 'oom.js' }).bytes;
  counter = compileGuest(counterGuest, { filename: 'counter.js' }).bytes;
});

afterEach(() => {
  for (const vm of live.splice(0)) vm.dispose();
  vi.restoreAllMocks();
});

function restore(snapshot: Uint8Array, imports: Record<number, (...args: any[]) => unknown> = { 1: (x: number) => x }): MicroviumVM {
  const vm = Microvium.restoreSync(snapshot, imports);
  live.push(vm);
  return vm;
}

/** /proc/self/maps as [start, end, perms] triples. */
function maps(): [number, number, string][] {
  return readFileSync('/proc/self/maps', 'utf8')
    .trim()
    .split('\n')
    .map((line) => {
      const [range, perms] = line.split(' ');
      const [start, end] = range!.split('-').map((x) => parseInt(x, 16));
      return [start!, end!, perms!];
    });
}

/** The addon's VM ids of the VMs `restoreSync` creates while `f` runs. */
function capturingIds<T>(f: () => T): { result: T; ids: number[] } {
  const ids: number[] = [];
  const original = backend.createInstance.bind(backend);
  vi.spyOn(backend, 'createInstance').mockImplementation((hooks) => {
    const instance = original(hooks) as ReturnType<typeof original> & { id: number };
    ids.push(instance.id);
    return instance;
  });
  const result = f();
  vi.restoreAllMocks();
  return { result, ids };
}

describe('fatal engine errors', () => {
  it('become a MicroviumError with fatal: true, and free the VM at once', async () => {
    await Microvium.ready();
    const base = liveRegions();
    const vm = restore(oom);
    expect(liveRegions()).toBe(base + 1);
    let error: unknown;
    try {
      vm.exports[1]();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MicroviumError);
    expect(error).toMatchObject({ fatal: true, code: 33, codeName: 'MVM_E_OUT_OF_MEMORY' });
    expect(vm.alive).toBe(false);
    // The dead VM's region and table slot are gone without dispose().
    expect(liveRegions()).toBe(base);
  });

  it('leave the VM refusing further use with a clear error', () => {
    const vm = restore(oom);
    const add = vm.exports[2];
    expect(() => vm.exports[1]()).toThrow(MicroviumError);
    for (const use of [() => add(), () => vm.createSnapshot(), () => vm.runGC(), () => vm.getMemoryStats(), () => vm.liveHandleCount]) {
      expect(use).toThrow(
        expect.objectContaining({
          name: 'MicroviumError',
          fatal: true,
          codeName: 'MVR_E_VM_DEAD',
          message: expect.stringMatching(/stopped by a fatal engine error and cannot be used; stopped by 33/),
        }),
      );
    }
    vm.dispose(); // harmless after death
    expect(vm.alive).toBe(false);
  });

  it('leave other VMs unaffected, including one whose host function called the dying VM', () => {
    const before = restore(counter);
    before.exports[2]();
    const victim = restore(oom);
    // A host function of `outer` calls the victim, which dies inside it: the
    // outer guest gets the error as a host exception and catches it.
    const outer = restore(
      compileGuest(`
const host = vmImport(1);
vmExport(1, () => { let r; try { r = host(); } catch (e) { r = 'caught'; } return r; });
vmExport(2, (x) => x * 2);
`).bytes,
      { 1: () => victim.exports[1]() },
    );
    expect(outer.exports[1]()).toBe('caught');
    expect(victim.alive).toBe(false);
    expect(outer.alive).toBe(true);
    expect(outer.exports[2](21)).toBe(42);
    expect(before.exports[2]()).toBe(2);
    const after = restore(counter);
    expect(after.exports[1](41)).toBe(42);
  });

  it('never exit or abort the process (child process: exit status 0, nothing on stderr)', () => {
    assertBuilt();
    const r = runNode(join(fixturesDir, 'survive.mjs'));
    expect(r.stderr).toBe('');
    expect(r.signal).toBe(null);
    expect(r.status).toBe(0);
    expect(lastJson(r.stdout)).toEqual({
      seen: ['MVM_E_OUT_OF_MEMORY fatal', 'MVR_E_VM_DEAD fatal'],
      caught: 'caught',
      after: 5,
      innerAlive: false,
      leaked: 0,
    });
  });
});

describe('memory regions', () => {
  it('give each VM a 64 KiB-aligned page between guards, with a read-only snapshot window', () => {
    const { ids } = capturingIds(() => [restore(counter), restore(counter), restore(oom)]);
    expect(ids).toHaveLength(3);
    const binding = loadBinding();
    const pages = ids.map((id) => binding.pageAddress(id));
    expect(new Set(pages).size).toBe(3);
    const table = maps();
    const at = (addr: number) => table.find(([s, e]) => s <= addr && addr < e);
    for (const page of pages) {
      expect(page % PAGE).toBe(0);
      // [guard][page: 64 KiB rw][window: 128 KiB r][guard], exactly.
      expect(at(page)).toEqual([page, page + PAGE, expect.stringMatching(/^rw-p/)]);
      expect(at(page + PAGE)).toEqual([page + PAGE, page + PAGE + WINDOW, expect.stringMatching(/^r--p/)]);
      expect(at(page - 1)?.[2]).toMatch(/^---p/);
      expect(at(page + PAGE + WINDOW)?.[2]).toMatch(/^---p/);
    }
  });

  it('are released on dispose (liveRegions and /proc/self/maps back to baseline)', () => {
    const base = liveRegions();
    const baseVms = liveVms();
    const baseMaps = maps().length;
    const vms = Array.from({ length: 50 }, () => Microvium.restoreSync(counter, { 1: (x: number) => x }));
    expect(liveRegions()).toBe(base + 50);
    expect(liveVms()).toBe(baseVms + 50);
    expect(maps().length).toBeGreaterThanOrEqual(baseMaps + 50);
    for (const vm of vms) vm.dispose();
    expect(liveRegions()).toBe(base);
    expect(liveVms()).toBe(baseVms);
    expect(maps().length).toBeLessThan(baseMaps + 25); // some heap growth, not 50 regions (150 mappings)
  });

  it('are released on finalization of VMs dropped without dispose (child process, --expose-gc)', () => {
    assertBuilt();
    const r = runNode(join(fixturesDir, 'finalize.mjs'), ['200'], { nodeArgs: ['--expose-gc'] });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    // 200 dropped VMs collected; the one still referenced survives and works.
    expect(lastJson(r.stdout)).toEqual({ afterCreate: 200, afterGc: 1, liveVms: 1, kept: 8 });
  });

  it('hold 10,000 live VMs in one process (restore, call, dispose)', () => {
    const base = liveRegions();
    const baseVms = liveVms();
    const baseMaps = maps().length;
    const { result: vms, ids } = capturingIds(() =>
      Array.from({ length: 10_000 }, (_, i) => Microvium.restoreSync(counter, { 1: (x: number) => x + i })),
    );
    try {
      expect(liveRegions()).toBe(base + 10_000);
      expect(liveVms()).toBe(baseVms + 10_000);
      let sum = 0;
      for (let i = 0; i < vms.length; i++) sum += vms[i]!.exports[1](1) - i; // host adds i, guest adds 1
      expect(sum).toBe(2 * 10_000);
      const binding = loadBinding();
      const pages = new Set(ids.map((id) => binding.pageAddress(id)));
      expect(pages.size).toBe(10_000);
      for (const p of pages) if (p % PAGE !== 0) expect(p % PAGE).toBe(0);
      // Packed regions merge their touching guards: about 3 mappings per VM.
      const during = maps().length - baseMaps;
      expect(during).toBeGreaterThanOrEqual(2 * 10_000);
      expect(during).toBeLessThanOrEqual(4 * 10_000);
    } finally {
      for (const vm of vms) vm.dispose();
    }
    expect(liveRegions()).toBe(base);
    expect(liveVms()).toBe(baseVms);
    // Heap growth may stay mapped; 10,000 regions would be 30,000 mappings.
    expect(maps().length - baseMaps).toBeLessThan(1_000);
  }, 180_000);
});

describe('worker threads', () => {
  it('each get their own working addon instance; their VMs go with them', async () => {
    assertBuilt();
    const base = liveRegions();
    const { result: mine, ids } = capturingIds(() => restore(counter, { 1: (x: number) => x * 10 }));
    const workers = [2, 3, 4].map(
      (k) => new Worker(join(fixturesDir, 'worker.mjs'), { workerData: { snapshot: counter, oom, k, mainVmId: ids[0] } }),
    );
    // Listen for exits from the start: a worker exits right after reporting.
    const exits = workers.map((w) => new Promise((resolve) => w.once('exit', resolve)));
    const reports = await Promise.all(
      workers.map(
        (w) =>
          new Promise<Record<string, unknown>>((resolve, reject) => {
            w.once('message', resolve);
            w.once('error', reject);
          }),
      ),
    );
    // The main thread's VM ran on, untouched by the workers.
    expect(mine.exports[1](1)).toBe(11);
    reports.forEach((report, i) => {
      const k = i + 2;
      expect(report).toEqual({
        foreignRefused: true, // a main-thread VM id names nothing in a worker
        results: 40 * (k + 1),
        counter: 501,
        fatal: 'MVM_E_OUT_OF_MEMORY',
        liveVms: 40, // per thread: the fatal VM is gone, the main's is not counted
      });
    });
    expect(await Promise.all(exits)).toEqual([0, 0, 0]);
    // The workers never disposed their VMs: their environments' teardown did.
    expect(liveRegions()).toBe(base + 1);
    expect(mine.exports[2]()).toBe(1);
  });
});

describe('corrupt snapshots', () => {
  it('give a typed MicroviumError and reserve nothing', () => {
    const base = liveRegions();
    const crc = counter.slice();
    crc[crc.length - 1] = crc[crc.length - 1]! ^ 0x40; // body changed, CRC stale
    const version = counter.slice();
    version[0] = version[0]! + 1; // the header's first 8 bytes are outside the CRC
    const huge = new Uint8Array(0x10000 + 16);
    huge.set(counter);
    const cases: [string, Uint8Array, string][] = [
      ['empty', new Uint8Array(0), 'MVM_E_INVALID_BYTECODE'],
      ['not a snapshot', new Uint8Array([1, 2, 3, 4]), 'MVM_E_INVALID_BYTECODE'],
      ['truncated', counter.slice(0, 40), 'MVM_E_INVALID_BYTECODE'],
      ['CRC mismatch', crc, 'MVM_E_BYTECODE_CRC_FAIL'],
      ['other bytecode version', version, 'MVM_E_WRONG_BYTECODE_VERSION'],
      ['over 64 KiB', huge, 'MVM_E_INVALID_BYTECODE'],
    ];
    for (const [what, bytes, codeName] of cases) {
      let error: unknown;
      try {
        Microvium.restoreSync(bytes, { 1: () => 0 });
      } catch (e) {
        error = e;
      }
      expect(error, what).toBeInstanceOf(MicroviumError);
      expect((error as MicroviumError).codeName, what).toBe(codeName);
      expect(liveRegions(), what).toBe(base);
    }
    expect(() => Microvium.restoreSync({} as unknown as Uint8Array, {})).toThrow(TypeError); // not bytes at all
  });

  it('2,000 mutated snapshots: only typed errors, guard-page faults caught, every region returned (child process)', () => {
    assertBuilt();
    const r = runNode(join(fixturesDir, 'mutants.mjs'), ['2000', '1'], { nodeArgs: ['--expose-gc'] });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const { counts, untyped, afterGc } = lastJson<{ counts: Record<string, number>; untyped: string[]; afterGc: number }>(r.stdout);
    expect(untyped).toEqual([]);
    const total = (prefix: string) => Object.entries(counts).reduce((n, [k, v]) => (k.startsWith(prefix) ? n + v : n), 0);
    // Every mutant was either restored or refused with a MicroviumError.
    expect((counts.restored ?? 0) + total('restore ')).toBe(2000);
    expect(counts.restored).toBeGreaterThan(500);
    expect(counts['restore MVM_E_BYTECODE_CRC_FAIL']).toBeGreaterThan(0);
    // The engine never raises MVM_E_INVALID_ADDRESS itself: these are faults on
    // a guard page or the read-only window, turned into a fatal error of the VM.
    expect(counts['call MVM_E_INVALID_ADDRESS fatal']).toBeGreaterThan(0);
    expect(counts['call MVM_E_ASSERTION_FAILED fatal']).toBeGreaterThan(0);
    expect(afterGc).toBe(0);
  }, 120_000);
});
