/**
 * Snapshot fuzzing, quick run (the nightly run is scripts/fuzz.mjs with
 * --cases 1000000; README.md). Mutated snapshots (bit flips, truncations,
 * splices, header and section edits, 16-bit words; bytecodeSize and the
 * CRC fixed up) go through each runtime's public API: restore, every export
 * called with several argument shapes under a gas limit, results read back,
 * GC, a snapshot and its restore. The cases run in worker processes of
 * scripts/fuzz.mjs, so a crash or a hang is a finding of this test, not the
 * end of the test run; the wall-clock guard is 5 s per case.
 *
 * Pass criteria: no crash, no hang, every thrown value a MicroviumError
 * with a known code or a guest value (and a fatal MicroviumError when the
 * VM stopped), a fresh VM served correctly every 64 cases and after every
 * fatal error, and (native) no VM left in the addon's table.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lastJson, runNode, scriptsDir } from './helpers.js';

interface Summary {
  runtime: string;
  cases: number;
  seconds: number;
  casesPerSecond: number;
  restored: number;
  refused: number;
  calls: number;
  fatal: number;
  crashes: number;
  hangs: number;
  untyped: number;
  sentinelFailures: number;
  leakedVms: number;
  findings: { what: string; index: number; file: string; error?: string; message?: string; signal?: string; alone?: string; afterPrevious?: string }[];
  counts: Record<string, number>;
}

const CASES = 10_000;

// The native addon also runs built with AddressSanitizer (fuzz.mjs --asan):
// a memory error that happens not to crash the plain build ends the worker.
const runs = [
  { runtime: 'wasm', label: 'wasm', flags: [] },
  { runtime: 'native', label: 'native', flags: [] },
  { runtime: 'native', label: 'native-asan', flags: ['--asan'] },
] as const;

describe.each(runs)('snapshot fuzzing, $label runtime', ({ runtime, label, flags }) => {
  it(`${CASES.toLocaleString('en')} mutated snapshots: no crash, no hang, only typed errors, the runtime still serves fresh VMs`, async () => {
    const out = mkdtempSync(join(tmpdir(), `mvtk-fuzz-${label}-`));
    const r = await runNode(
      join(scriptsDir, 'fuzz.mjs'),
      ['--runtime', runtime, ...flags, '--cases', String(CASES), '--seed', '1', '--guard-ms', '5000', '--out', out, '--verify', '1', '--json'],
      { timeoutMs: 170_000 },
    );
    expect(r.timedOut, `fuzz.mjs did not finish:\n${r.stderr.slice(-3000)}`).toBe(false);
    const s = lastJson<Summary>(r.stdout);
    // The figures (cases/s) are part of the report.
    console.log(`fuzz ${label}: ${s.cases} cases in ${s.seconds} s = ${s.casesPerSecond} cases/s; restored ${s.restored}, refused ${s.refused}, ${s.calls} calls, ${s.fatal} fatal; findings ${s.findings.length} (reproducers in ${out})`);

    expect(s.cases).toBeGreaterThanOrEqual(CASES);
    // The mutations reach the engine: most restore or are refused by the
    // engine's own checks, not by the CRC check.
    expect(s.restored).toBeGreaterThan(CASES / 4);
    expect(s.counts['restore MVM_E_BYTECODE_CRC_FAIL'] ?? 0).toBeLessThan(CASES / 20);
    expect(s.calls).toBeGreaterThan(CASES);

    const describeFinding = (f: Summary['findings'][number]) =>
      `${f.what} at case ${f.index}${f.error ? `: ${f.error}` : ''}${f.message ? `: ${f.message}` : ''}${f.signal ? ` (${f.signal})` : ''}${f.alone ? ` [alone: ${f.alone}${f.afterPrevious ? `, after the previous case: ${f.afterPrevious}` : ''}]` : ''} -> ${f.file}`;
    expect(s.findings.map(describeFinding)).toEqual([]);
    expect({ crashes: s.crashes, hangs: s.hangs, untyped: s.untyped, sentinelFailures: s.sentinelFailures, leakedVms: s.leakedVms ?? 0 }).toEqual({
      crashes: 0,
      hangs: 0,
      untyped: 0,
      sentinelFailures: 0,
      leakedVms: 0,
    });
  }, 180_000);
});
