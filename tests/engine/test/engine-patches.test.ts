// Each engine patch fixes one cross-target defect. For each: a guest whose
// output must equal V8's passes on the engine with the series applied up to
// and including the patch, and fails on the engine just before it.
import { describe, expect, it } from 'vitest';
import { runInV8 } from '@mvtk/shared-suite';
import { engineWithPatches, patchSeries, runGuest } from './engine-build';

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
];

describe('engine patches', () => {
  it('every patch in the series has a defect test', () => {
    expect(defects.map((d) => d.patch)).toEqual(patchSeries);
  });

  for (const defect of defects) {
    describe(defect.patch, () => {
      const index = patchSeries.indexOf(defect.patch);
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
