// The whole shared suite on every host target this machine has, checked on
// the runner's result object: no differences, the V8 oracle agrees, and every
// snapshot is portable between every ordered pair of targets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCases } from '../src/cases.js';
import { compileCached } from '../src/compile.js';
import { snapshotLine, type GuestCase, type Step } from '../src/format.js';
import { runInV8 } from '../src/oracle.js';
import { formatDetails } from '../src/report.js';
import { isEngineOnlyLine, runSuite, splitAtFirstSnapshot, type SuiteResult } from '../src/runner.js';
import type { RunResult, Target } from '../src/target.js';
import { openTargets, targetFactories, type AvailableTargets } from '../src/targets/index.js';

let opened: AvailableTargets;
let cases: GuestCase[];
let result: SuiteResult;

beforeAll(async () => {
  opened = await openTargets();
  cases = loadCases();
  result = await runSuite({ cases, targets: opened.targets });
});

afterAll(async () => {
  for (const t of opened?.targets ?? []) await t.close();
});

const byId = (id: string) => result.cases.find((c) => c.id === id)!;
const snapshotCases = () => cases.filter((c) => splitAtFirstSnapshot(c.steps));

describe('the whole suite on every available host target', () => {
  it('opens every target whose prerequisites are here and says why the others are skipped', () => {
    const skipped = new Set(opened.skipped.map((s) => s.name));
    expect(result.targets).toEqual(targetFactories.map((f) => f.name).filter((n) => !skipped.has(n)));
    for (const s of opened.skipped) expect(s.reason.trim()).not.toBe('');
    // c-host needs only a C compiler; without a second target nothing is cross-checked.
    expect(result.targets).toContain('c-host');
    expect(result.targets.length).toBeGreaterThanOrEqual(2);
  });

  it('passes with 0 differences on at least 150 cases', () => {
    expect(result.cases.length).toBe(cases.length);
    expect(result.cases.length).toBeGreaterThanOrEqual(150);
    const failing = result.cases.filter((c) => c.outcome !== 'pass');
    // The report's details name what went wrong if this fails.
    expect(failing.length, formatDetails(result)).toBe(0);
    expect(result.summary).toMatchObject({ cases: cases.length, passed: cases.length, failed: 0, errors: 0 });
    expect(result.exitCode).toBe(0);
  });

  it('gives every target the expected transcript for every case', () => {
    for (const c of result.cases) {
      expect(c.expected, `${c.id} has no .expected`).toBeDefined();
      expect(c.runs.map((r) => r.target)).toEqual(result.targets);
      for (const r of c.runs) {
        expect({ id: c.id, target: r.target, outcome: r.outcome, transcript: r.transcript }).toEqual({
          id: c.id,
          target: r.target,
          outcome: 'pass',
          transcript: c.expected,
        });
      }
      expect(c.crossTarget).toEqual({ agree: true, classes: [result.targets] });
    }
  });

  it('agrees with V8 on every oracle: v8 case', () => {
    const v8 = result.cases.filter((c) => c.oracle === 'v8');
    expect(v8.length).toBeGreaterThanOrEqual(150);
    for (const c of v8) expect({ id: c.id, check: c.oracleCheck }).toEqual({ id: c.id, check: { outcome: 'pass' } });
    // Independently of the runner's comparison: V8's own transcript.
    for (const c of cases.filter((x) => x.oracle === 'v8')) {
      expect(runInV8(c.source, c.steps), c.id).toEqual(c.expected!.filter((l) => !isEngineOnlyLine(l)));
    }
  });

  it('leaves the V8 check out only for cases that declare oracle: none, with a reason', () => {
    for (const c of result.cases.filter((x) => x.oracle === 'none')) {
      expect(c.oracleCheck, c.id).toBeUndefined();
      expect(c.description.length, c.id).toBeGreaterThan(20);
    }
  });
});

describe('snapshot portability', () => {
  it('covers the cases with a snapshot step', () => {
    expect(snapshotCases().length).toBeGreaterThanOrEqual(10);
    for (const c of cases.filter((x) => !splitAtFirstSnapshot(x.steps))) expect(byId(c.id).portability).toEqual([]);
  });

  it('records every ordered pair of targets for each of them, all identical', () => {
    const names = result.targets;
    const allPairs = names.flatMap((a) => names.map((b) => `${a} -> ${b}`)).sort();
    for (const c of snapshotCases()) {
      const r = byId(c.id);
      expect(r.portability.map((p) => `${p.from} -> ${p.to}`).sort(), c.id).toEqual(allPairs);
      for (const p of r.portability) expect({ id: c.id, ...p }).toEqual({ id: c.id, from: p.from, to: p.to, outcome: 'pass' });
      expect(r.snapshotsIdentical, c.id).toBe(true);
    }
  });

  it('captures byte-identical snapshots on every target', async () => {
    for (const c of snapshotCases()) {
      const compiled = compileCached(c.id, c.source);
      const head = splitAtFirstSnapshot(c.steps)!.head;
      const captured: { target: string; bytes: Uint8Array; line: string }[] = [];
      for (const t of opened.targets) {
        const r = await t.run(compiled, head);
        expect(r.snapshots.length, `${c.id} on ${t.name}`).toBe(1);
        captured.push({ target: t.name, bytes: r.snapshots[0]!, line: r.transcript.at(-1)! });
      }
      const first = captured[0]!;
      expect(first.bytes.length).toBeGreaterThan(0);
      for (const x of captured) {
        expect(Buffer.from(x.bytes).equals(Buffer.from(first.bytes)), `${c.id}: ${x.target} vs ${first.target}`).toBe(true);
        // The transcript's size and CRC describe exactly these bytes.
        expect(x.line).toBe(snapshotLine(x.bytes));
      }
      // And match the snapshot line of the reviewed transcript.
      expect(c.expected).toContain(first.line);
    }
  });

  it("restores each target's capture on every target (checked by recording what each target is given)", async () => {
    const log: { target: string; input: Buffer; steps: readonly Step[]; output: RunResult }[] = [];
    const recording = opened.targets.map(
      (t): Target => ({
        name: t.name,
        async run(snapshot, steps) {
          const output = await t.run(snapshot, steps);
          log.push({ target: t.name, input: Buffer.from(snapshot), steps, output });
          return output;
        },
        close: async () => {},
      }),
    );
    const n = recording.length;
    for (const c of snapshotCases().slice(0, 4)) {
      log.length = 0;
      const r = await runSuite({ cases: [c], targets: recording });
      expect(r.exitCode, c.id).toBe(0);
      const compiled = Buffer.from(compileCached(c.id, c.source));
      const split = splitAtFirstSnapshot(c.steps)!;
      // The runner passes one steps array per kind of run: the whole case, the
      // part up to the snapshot, the rest. (A capture may equal the compiled
      // bytes, e.g. a snapshot before any call, so inputs cannot tell them apart.)
      const groups = new Map<readonly Step[], typeof log>();
      for (const e of log) groups.set(e.steps, [...(groups.get(e.steps) ?? []), e]);
      expect(groups.size, c.id).toBe(3);
      const singles = groups.get(c.steps)!;
      const [heads, tails] = [...groups.entries()].filter(([k]) => k !== c.steps).map(([, v]) => v);
      expect(singles.map((e) => e.target), c.id).toEqual(r.targets);
      expect(heads!.map((e) => e.target), c.id).toEqual(r.targets);
      for (const e of [...singles, ...heads!]) expect(e.input.equals(compiled)).toBe(true);
      for (const e of heads!) expect(e.steps).toEqual(split.head);
      // One capture, the same bytes on every target ...
      const captures = new Set(heads!.map((e) => Buffer.from(e.output.snapshots[0]!).toString('hex')));
      expect(captures.size, c.id).toBe(1);
      // ... restored n times on every target (once per capturing target), running the rest.
      expect(tails!.length, c.id).toBe(n * n);
      for (const e of tails!) {
        expect(captures.has(e.input.toString('hex'))).toBe(true);
        expect(e.steps).toEqual(split.tail);
      }
      for (const t of recording) expect(tails!.filter((e) => e.target === t.name).length, `${c.id} on ${t.name}`).toBe(n);
    }
  });
});
