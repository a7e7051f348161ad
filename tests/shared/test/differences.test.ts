// The runner must fail loudly, with a readable diff, when something differs:
// a wrong expected transcript, a target built differently (a real compile
// flag: the engine formatting numbers with libc's "%.15g"), snapshot bytes
// that differ, a target that misbehaves only after a restore.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCases } from '../src/cases.js';
import { compileCached } from '../src/compile.js';
import { formatDetails, formatMatrix } from '../src/report.js';
import { runSuite } from '../src/runner.js';
import type { Target } from '../src/target.js';
import { buildSuiteHost } from '../src/targets/c-host-build.js';
import { cHostTarget } from '../src/targets/c-host.js';
import { openTargets, type AvailableTargets } from '../src/targets/index.js';
import { buildDir } from '../src/paths.js';
import { copyCases, runCli, summaryLine } from './helpers.js';

let opened: AvailableTargets;
beforeAll(async () => {
  opened = await openTargets();
});
afterAll(async () => {
  for (const t of opened?.targets ?? []) await t.close();
});

describe('a wrong expected transcript', () => {
  const ids = ['float/add-point-one-point-two', 'int/add-overflow', 'snapshot/counter'];
  const broken = 'float/add-point-one-point-two';
  let dir: string;

  beforeAll(() => {
    dir = copyCases(ids);
    // Line 3 of the transcript, `print 0.7999999999999999`, made wrong.
    const file = join(dir, `${broken}.expected`);
    const text = readFileSync(file, 'utf8');
    expect(text.split('\n')[2]).toBe('print 0.7999999999999999');
    writeFileSync(file, text.replace('print 0.7999999999999999\n', 'print 0.8\n'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const hunk = (target: string) =>
    [
      `--- ${broken}.expected`,
      `+++ ${target}`,
      '@@ -1,6 +1,6 @@',
      ' print 0.30000000000000004',
      ' return 0.30000000000000004',
      '-print 0.8',
      '+print 0.7999999999999999',
      ' return 0.7999999999999999',
      ' print 3.3000000000000003',
      ' return 3.3000000000000003',
    ].join('\n');

  it('fails the run (API) with a unified diff per target naming the case and the changed line', async () => {
    const result = await runSuite({ cases: loadCases(dir), targets: opened.targets });
    expect(result.exitCode).toBe(1);
    expect(result.summary).toMatchObject({ cases: 3, passed: 2, failed: 1, errors: 0 });
    const c = result.cases.find((x) => x.id === broken)!;
    expect(c.outcome).toBe('fail');
    for (const r of c.runs) {
      expect(r.outcome).toBe('fail');
      expect(r.diff).toBe(hunk(r.target));
    }
    // The targets agree with each other; only the file is wrong, and V8 says so too.
    expect(c.crossTarget?.agree).toBe(true);
    expect(c.oracleCheck?.outcome).toBe('fail');
    expect(c.oracleCheck?.diff).toContain('-print 0.8\n+print 0.7999999999999999');
    for (const id of ids.filter((x) => x !== broken)) expect(result.cases.find((x) => x.id === id)?.outcome).toBe('pass');
    const details = formatDetails(result);
    expect(details).toContain(`=== ${broken}: 0.1 + 0.2 prints`);
    expect(details).toContain(hunk('c-host').split('\n').map((l) => `    ${l}`).join('\n'));
  });

  it('fails the CLI with --cases: exit status 1 and the diff in its output', async () => {
    const run = await runCli(['--cases', dir]);
    expect(run.status, run.stderr).toBe(1);
    expect(run.stdout).toContain(`=== ${broken}: `);
    expect(run.stdout).toContain(hunk('c-host').split('\n').map((l) => `    ${l}`).join('\n'));
    expect(run.stdout).toMatch(new RegExp(`^  ${broken}\\s+DIFF\\s+DIFF`, 'm'));
    expect(summaryLine(run.stdout)).toMatch(/^3 cases on \d target\(s\) \[c-host, [^\]]+\]: 2 identical, 1 with differences, 0 with errors \(/);
  });

  it('passes the CLI on the same directory without the broken case (the control)', async () => {
    const run = await runCli(['--cases', dir, '--filter', 'snapshot/']);
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(summaryLine(run.stdout)).toMatch(/^1 cases on \d target\(s\) .*: 1 identical, 0 with differences, 0 with errors/);
  });
});

describe('a target built with a flag that changes number formatting', () => {
  const perturbedName = 'c-host-libc-snprintf';
  let perturbed: Target;

  beforeAll(() => {
    // The same engine and host, but MVM_SNPRINTF is libc's snprintf("%.15g") (native/suite_host.c).
    const binary = buildSuiteHost({ defines: ['MVTK_PERTURB_LIBC_SNPRINTF'], output: join(buildDir, 'suite-host-libc-snprintf') });
    perturbed = cHostTarget({ binary, name: perturbedName });
  });

  it('is reported as a cross-target difference with a diff, not only as a wrong transcript', async () => {
    const cases = loadCases(undefined, { filter: /^(float\/add-point-one-point-two|int\/add-overflow|snapshot\/strings-and-floats)$/ });
    expect(cases.map((c) => c.id)).toEqual(['float/add-point-one-point-two', 'int/add-overflow', 'snapshot/strings-and-floats']);
    const targets = [...opened.targets, perturbed];
    const result = await runSuite({ cases, targets });
    expect(result.exitCode).toBe(1);
    const good = opened.targets.map((t) => t.name);

    const float = result.cases.find((c) => c.id === 'float/add-point-one-point-two')!;
    expect(float.outcome).toBe('fail');
    expect(float.crossTarget?.agree).toBe(false);
    expect(float.crossTarget?.classes).toEqual([good, [perturbedName]]);
    expect(float.crossTarget?.diff).toContain(`--- c-host\n+++ ${perturbedName}\n@@ -1,8 +1,8 @@\n-print 0.30000000000000004\n`);
    expect(float.crossTarget?.diff).toContain('\n+print 0.3\n');
    expect(float.crossTarget?.diff).toContain('\n+print 0.8\n');
    for (const r of float.runs) expect({ target: r.target, outcome: r.outcome }).toEqual({ target: r.target, outcome: r.target === perturbedName ? 'fail' : 'pass' });
    expect(float.runs.find((r) => r.target === perturbedName)?.diff).toContain(`+++ ${perturbedName}`);

    // Integers are formatted the same way by both: that case still passes.
    expect(result.cases.find((c) => c.id === 'int/add-overflow')?.outcome).toBe('pass');

    // A string built from doubles before a snapshot: the captured bytes differ
    // too, and the capture restored on the other build prints differently.
    const snap = result.cases.find((c) => c.id === 'snapshot/strings-and-floats')!;
    expect(snap.snapshotsIdentical).toBe(false);
    expect(snap.messages).toContain(`captured snapshots differ between c-host and ${perturbedName}`);
    const failedPairs = snap.portability.filter((p) => p.outcome === 'fail').map((p) => `${p.from} -> ${p.to}`);
    for (const g of good) {
      expect(failedPairs).toContain(`${g} -> ${perturbedName}`);
      expect(failedPairs).toContain(`${perturbedName} -> ${g}`);
    }
    const pair = snap.portability.find((p) => p.from === 'c-host' && p.to === perturbedName)!;
    expect(pair.diff).toContain(`+++ c-host to the snapshot, then ${perturbedName}`);

    const details = formatDetails(result);
    expect(details).toContain(`targets disagree: ${good.join('+')} vs ${perturbedName}`);
    expect(details).toContain('    -print 0.30000000000000004\n    -return 0.30000000000000004\n    -print 0.7999999999999999\n');
    expect(details).toContain('    +print 0.3\n    +return 0.3\n    +print 0.8\n    +return 0.8\n');
    expect(formatMatrix(result)).toMatch(new RegExp(`^  float/add-point-one-point-two\\s+DIFF`, 'm'));
  });
});

describe('differences the runner sees only when it compares targets', () => {
  /** A target that behaves like `inner` except where `alter` says. */
  const wrap = (inner: Target, name: string, alter: (snapshot: Uint8Array, r: Awaited<ReturnType<Target['run']>>) => void): Target => ({
    name,
    async run(snapshot, steps) {
      const r = await inner.run(snapshot, steps);
      alter(snapshot, r);
      return r;
    },
    close: async () => {},
  });

  it('reports captured snapshot bytes that differ even when every transcript agrees', async () => {
    const c = loadCases(undefined, { filter: 'snapshot/counter' });
    const cHost = opened.targets.find((t) => t.name === 'c-host')!;
    // Flips a byte of each capture and leaves the transcript alone.
    const flipped = wrap(cHost, 'c-host-flipped', (_s, r) => {
      r.snapshots = r.snapshots.map((s) => {
        const copy = s.slice();
        copy[copy.length - 1] = copy[copy.length - 1]! ^ 0xff;
        return copy;
      });
    });
    const result = await runSuite({ cases: c, targets: [cHost, flipped], portability: false });
    expect(result.exitCode).toBe(1);
    expect(result.cases[0]!.crossTarget?.agree).toBe(true);
    expect(result.cases[0]!.snapshotsIdentical).toBe(false);
    expect(result.cases[0]!.messages).toEqual(['captured snapshots differ between c-host and c-host-flipped']);
  });

  it('reports a target that misbehaves only on a restored capture, naming the pair', async () => {
    const [c] = loadCases(undefined, { filter: 'snapshot/counter' });
    const compiled = Buffer.from(compileCached(c!.id, c!.source));
    const cHost = opened.targets.find((t) => t.name === 'c-host')!;
    // Alone it is right; resumed from someone's capture it loses a line.
    const forgetful = wrap(cHost, 'forgetful', (snapshot, r) => {
      if (!Buffer.from(snapshot).equals(compiled)) r.transcript.pop();
    });
    const result = await runSuite({ cases: [c!], targets: [cHost, forgetful] });
    const r = result.cases[0]!;
    expect(r.runs.every((x) => x.outcome === 'pass')).toBe(true);
    expect(r.outcome).toBe('fail');
    expect(r.portability.map((p) => `${p.from} -> ${p.to}: ${p.outcome}`)).toEqual([
      'c-host -> c-host: pass',
      'c-host -> forgetful: fail',
      'forgetful -> c-host: pass',
      'forgetful -> forgetful: fail',
    ]);
    expect(r.portability[1]!.diff).toBe(
      ['--- c-host alone', '+++ c-host to the snapshot, then forgetful', '@@ -2,4 +2,3 @@', ' return 2', ' snapshot 86 26b25ddf', ' return 3', '-return 300'].join('\n'),
    );
    expect(formatDetails(result)).toContain('snapshot from c-host restored on forgetful: transcripts differ');
  });
});
