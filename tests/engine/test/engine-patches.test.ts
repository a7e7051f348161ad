// Each engine patch fixes one cross-target defect. For each: a guest whose
// output must equal V8's (or, where the defect is not in what the guest
// computes, a check of its own) passes on the engine with the series applied
// up to and including the patch, and fails on the engine just before it.
import { describe, expect, it } from 'vitest';
import { runInV8 } from '@mvtk/shared-suite';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { engineWithPatches, patchSeries, runCorrupted, runGuest, type Corruption, type HostRun } from './engine-build';

const reproducers = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'reliability', 'reproducers');

/** What V8 prints for the guest's export 0, in mvp-run's format. */
function v8Output(source: string): string {
  const transcript = runInV8(source, [{ kind: 'call', exportId: 0, args: [] }]);
  return transcript.map((l) => l.replace(/^print ?/, '').replace(/^return /, '=> ')).join('\n') + '\n';
}

interface Defect {
  patch: string;
  guest: string;
  /** Extra build flags that make the defect observable on this x86-64 host. */
  sanitize?: string;
  /**
   * Instead of comparing with V8: runs the guest on `engine` and says what is
   * wrong, or undefined when the engine behaves.
   */
  check?: (engine: string) => string | undefined;
}

/** The snapshot line mvp-run printed, or the whole run when there is none. */
function snapshotOf(run: HostRun): string {
  return run.stdout.split('\n').find((l) => l.startsWith('snapshot ')) ?? JSON.stringify(run);
}

const defects: Defect[] = [
  {
    patch: '0001-store-numbers-unaligned.patch',
    // UBSan's alignment check stands in for a Cortex-M core, where the same
    // store is a hard fault.
    sanitize: 'alignment',
    guest: `
      const print = vmImport(1);
      vmExport(0, () => {
        const floats = [];
        const ints = [];
        for (let i = 0; i < 24; i++) { floats.push(i + 0.25); ints.push(100000 * i + 7); }
        let sum = 0;
        for (let i = 0; i < 24; i++) sum = sum + floats[i] * 1.5 + ints[i];
        print(sum, floats[23], ints[23]);
        return sum;
      });`,
  },
  {
    patch: '0002-toint32-modular.patch',
    guest: `
      const print = vmImport(1);
      vmExport(0, () => {
        let big = 4294967296;
        const half = big + 0.5;
        print(half | 0, (big * 2 + 5) | 0, (-big - 3) | 0, (big * 1e10) | 0);
        print((big - 0.5) >>> 0, (-1.5) >>> 0, (big * 3 + 9) >>> 0, (2147483648 + 0.25) | 0);
        return (big * 1000 + 123) | 0;
      });`,
  },
  {
    patch: '0003-string-to-number.patch',
    guest: `
      const print = vmImport(1);
      vmExport(0, () => {
        print(+'42.5', +' 12 ', +'0x1F', +'1e3', +'', +'abc', 1 / +'-0', '3.5' * 2);
        print(+'12345678901234567890', +'0.1', +'-Infinity', '7' - '2.25', +'1e400', +'2.2250738585072011e-308');
        return +'9007199254740993';
      });`,
  },
  {
    patch: '0004-int-division-remainder.patch',
    // Without the patch, INT32_MIN % -1 raises SIGFPE on this x86-64 host.
    guest: `
      const print = vmImport(1);
      vmExport(0, () => {
        let min = -2147483647;
        min = min - 1;
        let minusOne = -1;
        print(1 / (-4 % 2), 1 / (-7 % 7), -7 % 2, 7 % -2, 1 / (0 % -5), (min / minusOne) | 0, (min / 2) | 0);
        return 1 / (min % minusOne);
      });`,
  },
  {
    patch: '0005-zero-allocation-padding.patch',
    // Odd-length strings leave a padding byte in the heap; the snapshot must
    // not depend on the build's MVM_SAFE_MODE (which fills new heap memory).
    guest: `
      const list = [];
      vmExport(0, () => { for (let i = 0; i < 30; i++) list.push('s' + i); });`,
    check(engine) {
      const steps = ['0', 'snapshot'];
      const safe = snapshotOf(runGuest(this.guest, { engine, steps, defines: ['MVP_SAFE_MODE=1'] }));
      const fast = snapshotOf(runGuest(this.guest, { engine, steps, defines: ['MVP_SAFE_MODE=0'] }));
      if (!safe.startsWith('snapshot ')) return `no snapshot: ${safe}`;
      return safe === fast ? undefined : `snapshots differ:\n  safe mode: ${safe}\n  fast mode: ${fast}`;
    },
  },
  {
    patch: '0006-uint8array-zero-length.patch',
    // The same refusal in safe and fast builds; the heap stays consistent
    // (mvp-run checks the page after freeing the VM).
    guest: `
      vmExport(0, () => Microvium.newUint8Array(0));
      vmExport(1, () => { const a = Microvium.newUint8Array(3); a[2] = 7; return a[2]; });`,
    check(engine) {
      const expected = 'error 47\n'; // MVM_E_INVALID_UINT8_ARRAY_LENGTH
      for (const mode of ['1', '0']) {
        const run = runGuest(this.guest, { engine, steps: ['1', '0'], defines: [`MVP_SAFE_MODE=${mode}`] });
        const out = run.stdout.replace(/^=> 7\n/, '');
        if (out !== expected || run.stderr !== '') return `safe mode ${mode}: ${JSON.stringify(run)}`;
      }
      return undefined;
    },
  },
  {
    patch: '0007-intern-well-known-names.patch',
    guest: `
      const print = vmImport(1);
      vmExport(0, () => {
        const a = [1, 2, 3];
        const k = 'len' + 'gth';
        const o = {};
        o[k] = 5;
        print(a[k], a.length, o.length, o[k]);
        return a[k] + o[k];
      });`,
  },
  {
    patch: '0008-gc-bounded-first-bucket.patch',
    // A guest that grows its heap until it stops must stop at the heap limit
    // (MVM_E_OUT_OF_MEMORY, 33), not earlier because a collection found no
    // contiguous block in the page (MVM_E_MALLOC_FAIL, 2).
    guest: `
      const live = [];
      vmExport(0, () => {
        for (let c = 0; c < 1000; c++) {
          const chunk = [];
          for (let i = 0; i < 100; i++) chunk.push([c, i]);
          live.push(chunk);
        }
      });`,
    check(engine) {
      const run = runGuest(this.guest, { engine });
      return run.stdout === 'fatal 33\n' ? undefined : `expected fatal 33 (out of memory), got ${JSON.stringify(run)}`;
    },
  },
  {
    patch: '0009-gc-merge-property-lists-bounds.patch',
    // Objects that grow past their literal's properties leave extension lists
    // that each collection merges; the merge overran its to-space bucket and
    // corrupted the page, so a later allocation failed (fatal 2).
    guest: `
      vmExport(1, () => {
        let total = 0;
        for (let i = 0; i < 100000; i++) {
          const o = { a: i, b: i + 1, c: { d: i % 7 } };
          o.e = o.a + o.b;
          total = (total + o.e + o.c.d) % 1000003;
        }
        return total;
      });`,
    check(engine) {
      const run = runGuest(this.guest, { engine, steps: ['1', '1', '1', '1', '1', '1'] });
      const want = '=> 269995\n'.repeat(6);
      return run.stdout === want && run.status === 0 ? undefined : `expected six results, got ${JSON.stringify(run)}`;
    },
  },
  {
    patch: '0010-shift-left-unsigned.patch',
    // UBSan's shift check stands in for an optimiser that relies on the
    // undefined behaviour.
    sanitize: 'shift',
    guest: `
      const print = vmImport(1);
      vmExport(0, () => {
        let a = -1;
        let b = -5;
        let c = 1;
        let d = 3;
        print(a << 3, b << 30, c << 31, d << 31, (a << 31) >> 31);
        return b << 1;
      });`,
  },
  {
    patch: '0011-bound-heap-list-walks.patch',
    // Two snapshots the fuzzer found (tests/reliability/reproducers): corrupt
    // heaps whose interned-string list, or whose array prototype, is
    // circular. The walk must end with MVM_E_HEAP_CORRUPT (56), not hang.
    guest: '',
    check(engine) {
      for (const name of ['hang-property-lookup', 'hang-interned-string-cycle']) {
        const snapshot = new Uint8Array(readFileSync(join(reproducers, `${name}.mvm-bc`)));
        const run = runGuest('', { engine, snapshot, timeoutMs: 10_000 });
        if (run.stdout !== 'fatal 56\n') return `${name}: expected fatal 56 (MVM_E_HEAP_CORRUPT), got ${JSON.stringify(run)}`;
      }
      return undefined;
    },
  },
  {
    patch: '0012-check-host-callbacks.patch',
    // The import table lives in the page beside the guest heap; a corrupt
    // heap overwrote it mid-run and the next host call jumped to the wild
    // pointer (the Node process died with SIGSEGV; fuzz seed 3, case 128665).
    guest: `const print = vmImport(1); vmExport(0, () => { print('hi'); return 1; });`,
    check(engine) {
      return expectHeapCorrupt(runCorrupted(this.guest, 'import', engine), 'import');
    },
  },
  {
    patch: '0013-check-bucket-links.patch',
    // The heap's bucket list is linked by native pointers in the page; a
    // corrupt heap made it cyclic and the collector's release of the old
    // heap looped forever (fuzz seed 3, case 103062), or it pointed outside
    // the page and the engine read and freed there.
    guest: `let keep = [{ a: 1 }, 'some text', [1, 2, 3]]; vmExport(0, () => keep.length);`,
    check(engine) {
      for (const how of ['bucket-cycle', 'bucket-wild'] as const) {
        const problem = expectHeapCorrupt(runCorrupted(this.guest, how, engine, 5_000), how);
        if (problem) return problem;
      }
      return undefined;
    },
  },
  {
    patch: '0014-vm-struct-outside-heap.patch',
    // The VM struct (the handle list's head, the bucket list, the stack and
    // globals pointers) and the import table lived in the page; a corrupt
    // heap half-overwrote the handle list's head and the collector walked
    // into freed host memory (AddressSanitizer, fuzz seed 6, case 547010).
    // An embedder that allocates them apart must get them out of the page.
    guest: `const print = vmImport(1); let g = [1, 2]; vmExport(0, () => { print(g.length); return 1; });`,
    check(engine) {
      const run = runCorrupted(this.guest, 'core-in-page', engine);
      return run.stdout === 'ok\n' && run.status === 0 ? undefined : `expected the VM struct outside the page, got ${JSON.stringify(run)}`;
    },
  },
  {
    patch: '0015-keep-idle-stack.patch',
    // Not a wrong result but a cost: every call from the host allocated the
    // stack and freed it on return (a third of a short call's instructions).
    // The stack must stay allocated, and empty, between calls, and the
    // calls after the first must behave as the first.
    guest: `vmExport(0, () => 1 + 2);`,
    check(engine) {
      const run = runGuest(this.guest, { engine, steps: ['stats', '0', 'stats', '0', 'stats'] });
      const stacks = run.stdout.replace(/ heap \d+/g, '');
      const expected = 'stats stack 0 height 0\n=> 3\nstats stack 4096 height 0\n=> 3\nstats stack 4096 height 0\n';
      return stacks === expected && run.status === 0 ? undefined : `expected the stack kept between calls, got ${JSON.stringify(run)}`;
    },
  },
  {
    patch: '0016-host-call-handle-constant-time.patch',
    // Not a wrong result but a cost: in safe mode every host call checked its
    // new handle against the whole handle list, so an embedder holding many
    // guest values paid for all of them on each import call (with 100,000
    // live proxies, the native runtime's import round trip took 123 us). The
    // host call must not walk the list: a wild link at its head is never
    // followed.
    guest: `const print = vmImport(1); vmExport(0, () => { print('hi'); return 1; });`,
    check(engine) {
      const run = runCorrupted(this.guest, 'handle-walk', engine);
      return run.stdout === 'ok\n' && run.status === 0 ? undefined : `expected the host call not to walk the handle list, got ${JSON.stringify(run)}`;
    },
  },
];

/** A description of what went wrong, unless the engine stopped with MVM_E_HEAP_CORRUPT (56). */
function expectHeapCorrupt(run: HostRun, how: Corruption): string | undefined {
  return run.stdout === 'fatal 56\n' && run.status === 2 ? undefined : `${how}: expected fatal 56 (MVM_E_HEAP_CORRUPT), got ${JSON.stringify(run)}`;
}

describe('engine patches', () => {
  it('every patch in the series has a defect test', () => {
    expect(defects.map((d) => d.patch)).toEqual(patchSeries);
  });

  for (const defect of defects) {
    describe(defect.patch, () => {
      const index = patchSeries.indexOf(defect.patch);
      const check = defect.check?.bind(defect);
      if (check) {
        it('the check passes with the patch', () => {
          expect(check(engineWithPatches(index + 1))).toBeUndefined();
        });
        it('the same check fails without it', () => {
          expect(check(engineWithPatches(index))).toBeDefined();
        });
        return;
      }
      const expected = v8Output(defect.guest);

      it('guest output equals V8 with the patch', () => {
        const run = runGuest(defect.guest, { engine: engineWithPatches(index + 1), sanitize: defect.sanitize });
        expect(run.stderr).toBe('');
        expect(run.stdout).toBe(expected);
        expect(run.status).toBe(0);
      });

      it('the same guest fails without it', () => {
        const run = runGuest(defect.guest, { engine: engineWithPatches(index), sanitize: defect.sanitize });
        const same = run.status === 0 && run.stdout === expected && run.stderr === '';
        expect(same, `unpatched engine printed:\n${run.stdout}${run.stderr}`).toBe(false);
      });
    });
  }
});
