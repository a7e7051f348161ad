/**
 * Misbehaving guests, on both runtimes: infinite loops, deep recursion and
 * unbounded host -> guest -> host nesting, allocation to the 24 KiB heap
 * limit, 100,000 thrown errors in one VM, 100,000 (and 500,000) live proxies.
 * The VM either keeps working or refuses with a clear MicroviumError, other
 * VMs are not affected, and host memory and handle counts stay bounded
 * (measured in a child process with --expose-gc: test/fixtures/misbehave.mjs;
 * the child's timeout is the wall-clock guard).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturesDir, lastJson, runNode } from './helpers.js';

type Mem = { rss: number; heapUsed: number; liveVms?: number; liveRegions?: number };
const MB = 1024 * 1024;

async function scenario(runtime: string, name: string, timeoutMs = 60_000): Promise<any> {
  const r = await runNode(join(fixturesDir, 'misbehave.mjs'), [runtime, name], { nodeArgs: ['--expose-gc'], timeoutMs });
  expect(r.timedOut, `${name} on ${runtime} did not finish within ${timeoutMs} ms (a hang)`).toBe(false);
  expect(r.signal, r.stderr.slice(-2000)).toBe(null);
  expect(r.code, r.stderr.slice(-2000)).toBe(0);
  return lastJson(r.stdout);
}

const stopped = (codeName: string, fatal = false) => ({ threw: { type: 'MicroviumError', codeName, fatal } });

describe.each(['wasm', 'native'])('guest misbehaviour on the %s runtime', (runtime) => {
  it('infinite loops stop at the gas limit (even inside try/catch) within the wall-clock guard; the VM and others keep working', async () => {
    const t0 = Date.now();
    const out = await scenario(runtime, 'loop', 30_000);
    expect(Date.now() - t0).toBeLessThan(30_000);
    expect(out.results).toHaveLength(4);
    for (const r of out.results) {
      expect(r, `export ${r.id}`).toMatchObject({ ...stopped('MVM_E_INSTRUCTION_COUNT_REACHED'), remaining: 0, healthyAfter: 5 });
      expect(r.ms).toBeLessThan(5_000); // 1,000,000 instructions
    }
    expect(out.otherVm).toBe(42);
  });

  it('deep recursion and endless host <-> guest nesting end in MVM_E_STACK_OVERFLOW; the VM keeps working, nothing accumulates', async () => {
    const out = await scenario(runtime, 'recursion');
    expect(out.deep).toMatchObject(stopped('MVM_E_STACK_OVERFLOW'));
    expect(out.deepCaughtByGuest).toMatchObject(stopped('MVM_E_STACK_OVERFLOW'));
    expect(out.healthyAfterDeep).toBe(5);
    expect(out.reentrant).toMatchObject(stopped('MVM_E_STACK_OVERFLOW'));
    expect(out.healthyAfterReentrant).toBe(5);
    expect(out.repeated).toEqual({ MVM_E_STACK_OVERFLOW: 2000 });
    // The runtime keeps the guest copies of at most 16 host errors (to rethrow the originals): bounded.
    expect(out.handlesAfterReentrantGc).toBeLessThanOrEqual(out.handlesStart + 16);
    expect(out.handlesAfter).toBeLessThanOrEqual(out.handlesStart + 16);
    const { before, after } = out.memory as { before: Mem; after: Mem };
    expect(after.rss - before.rss).toBeLessThan(32 * MB);
    if (runtime === 'native') expect([after.liveVms, after.liveRegions]).toEqual([0, 0]);
  });

  it('allocation up to the 24 KiB heap limit stops that VM with a fatal MicroviumError; other VMs go on; 300 such VMs leave host memory bounded', async () => {
    const out = await scenario(runtime, 'heap');
    const g = out.growth;
    expect(g.steps).toBeGreaterThan(10);
    expect(g.maxHeap).toBeLessThanOrEqual(24 * 1024); // MVM_MAX_HEAP_SIZE
    expect(g.maxPagePeak).toBeLessThanOrEqual(64 * 1024);
    expect(g.end).toEqual({ type: 'MicroviumError', codeName: 'MVM_E_OUT_OF_MEMORY', fatal: true });
    expect(g.aliveAfter).toBe(false);
    expect(out.useAfter).toMatchObject(stopped('MVR_E_VM_DEAD', true));
    expect(out.otherVm).toBe(42);
    // Every unbounded allocation ends in a fatal MicroviumError, never in a crash.
    const ends = Object.keys(out.repeated);
    expect(ends.length).toBeGreaterThan(0);
    for (const k of ends) expect(k).toMatch(/^MVM_E_(OUT_OF_MEMORY|ALLOCATION_TOO_LARGE) fatal$/);
    expect(Object.values(out.repeated as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(300);
    const { before, after } = out.memory as { before: Mem; after: Mem };
    expect(after.rss - before.rss).toBeLessThan(32 * MB);
    expect(after.heapUsed - before.heapUsed).toBeLessThan(8 * MB);
    if (runtime === 'native') expect([after.liveVms, after.liveRegions]).toEqual([0, 0]);
  });

  it('100,000 thrown errors (guest throws, engine type errors, host errors caught by the guest) in one VM: all delivered, the VM keeps working, memory flat', async () => {
    const out = await scenario(runtime, 'throws');
    expect(out.tally).toEqual({ '0 guest object': 25_000, '1 MVM_E_TYPE_ERROR': 25_000, 'returned 2': 25_000, 'returned 3': 25_000 });
    expect(out.healthyAfter).toBe(5);
    expect(out.handles.after).toBeLessThanOrEqual(out.handles.before + 16);
    const rounds = out.rounds as (Mem & { handles: number })[];
    expect(rounds.map((r) => r.handles)).toEqual([out.handles.after, out.handles.after, out.handles.after]);
    expect(rounds[2]!.rss - rounds[0]!.rss).toBeLessThan(8 * MB);
    expect(rounds[2]!.heapUsed - rounds[0]!.heapUsed).toBeLessThan(4 * MB);
  });

  it('100,000 live proxies work, are released by the host GC, and 500,000 more still work; memory does not grow round after round', async () => {
    const out = await scenario(runtime, 'proxies', 120_000);
    expect(out.handlesHeld).toBe(100_000);
    expect(out.check).toEqual([0, 'p49', 62]);
    expect(out.healthyWhileHeld).toBe(5);
    expect(out.handlesAfterGc).toBe(0);
    expect(out.heapAfterGc).toBeLessThanOrEqual(out.heapWithProxies);
    // Either all 400,000 more are held or the runtime refuses with a clear error.
    if (out.refusal) expect(out.refusal).toMatchObject({ type: 'MicroviumError', codeName: 'MVR_E_TOO_MANY_HANDLES' });
    expect(out.healthyAtLimit).toMatchObject({ returned: 5 });
    expect(out.handlesAfterRelease).toBe(0);
    expect(out.healthyAfterRelease).toBe(5);
    const rounds = out.rounds as (Mem & { handles: number })[];
    expect(rounds.map((r) => r.handles)).toEqual([0, 0, 0]);
    expect(rounds[2]!.heapUsed - rounds[0]!.heapUsed).toBeLessThan(8 * MB);
    expect(rounds[2]!.rss - rounds[0]!.rss).toBeLessThan(32 * MB);
    if (runtime === 'native') expect([out.memory.after.liveVms, out.memory.after.liveRegions]).toEqual([0, 0]);
  });
});
