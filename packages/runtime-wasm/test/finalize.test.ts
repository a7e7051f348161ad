// A VM dropped without dispose() must be collectable, so that its engine
// instance is freed by the FinalizationRegistry fallback. (The engine hooks
// once held the VM strongly through the registry's held value: no undisposed
// VM was ever collected.)
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pkgDir, smokeSnapshot } from './helpers.js';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';

const script = `
import { readFileSync } from 'node:fs';
import { Microvium } from ${JSON.stringify(join(pkgDir, 'dist', 'index.js'))};
const snapshot = readFileSync(process.argv[2]);
Microvium.readySync();
let collected = 0;
const registry = new FinalizationRegistry(() => collected++);
// In a function of its own, so no frame of a running function holds the last VM.
function dropMany() {
  for (let i = 0; i < 200; i++) {
    const vm = Microvium.restoreSync(snapshot, { 1: (a, b) => a + b });
    if (vm.exports[1](i, 1) !== i + 1) throw new Error('wrong result');
    const proxy = vm.exports[4]();
    if (proxy.list[2] !== 3) throw new Error('wrong proxy');
    registry.register(vm, i);
  }
}
dropMany();
const kept = Microvium.restoreSync(snapshot, { 1: (a, b) => a + b });
for (let round = 0; round < 100 && collected < 200; round++) {
  globalThis.gc();
  await new Promise((resolve) => setTimeout(resolve, 10));
}
console.log(JSON.stringify({ collected, kept: kept.exports[1](40, 2) }));
`;

describe('finalization', () => {
  it('collects VMs (and their proxies) dropped without dispose; a referenced VM survives', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mvtk-finalize-'));
    writeFileSync(join(dir, 'smoke.mvm-bc'), smokeSnapshot());
    writeFileSync(join(dir, 'finalize.mjs'), script);
    const r = spawnSync(process.execPath, ['--expose-gc', join(dir, 'finalize.mjs'), join(dir, 'smoke.mvm-bc')], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout.trim().split('\n').pop()!)).toEqual({ collected: 200, kept: 42 });
  });
});
