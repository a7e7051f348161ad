/**
 * The runner: every case on every target, compared against the expected
 * transcript, against every other target and (for `oracle: v8` cases) against
 * the V8 oracle; plus snapshot portability between every ordered pair of
 * targets. Returns a structured result for the CLI and for reports.
 */
import { formatTranscript, writeExpected } from './cases.js';
import { compileCached } from './compile.js';
import { unifiedDiff } from './diff.js';
import type { GuestCase, Step } from './format.js';
import { runInV8 } from './oracle.js';
import { TargetInfrastructureError, type RunResult, type Target } from './target.js';

export type Outcome = 'pass' | 'fail' | 'error';

export interface TargetRun {
  target: string;
  outcome: Outcome;
  transcript?: string[];
  /** CRC-32 of each captured snapshot, for reports. */
  snapshotSizes?: number[];
  /** Unified diff against the expected transcript, when they differ. */
  diff?: string;
  /** Why the run failed or could not run. */
  message?: string;
  durationMs: number;
}

export interface PortabilityRun {
  /** Ran the steps up to the first snapshot. */
  from: string;
  /** Restored that snapshot and ran the rest. */
  to: string;
  outcome: Outcome;
  diff?: string;
  message?: string;
}

export interface CaseResult {
  id: string;
  group: string;
  description: string;
  tags: string[];
  oracle: 'v8' | 'none';
  outcome: Outcome;
  /** Compile errors, a missing expected transcript, ... */
  messages: string[];
  expected?: string[];
  runs: TargetRun[];
  /** The V8 oracle's check of the expected transcript (oracle: v8 cases). */
  oracleCheck?: { outcome: Outcome; diff?: string; message?: string };
  /** Targets whose transcripts differ from each other, as groups of identical transcripts. */
  crossTarget?: { agree: boolean; classes: string[][]; diff?: string };
  /** Snapshot bytes across targets. */
  snapshotsIdentical?: boolean;
  portability: PortabilityRun[];
  /** With `update`: the expected transcript was (re)written. */
  updated?: boolean;
}

export interface SuiteResult {
  targets: string[];
  cases: CaseResult[];
  summary: { cases: number; passed: number; failed: number; errors: number; durationMs: number };
  /** 0 all identical, 1 differences, 2 infrastructure errors. */
  exitCode: 0 | 1 | 2;
}

export interface RunSuiteOptions {
  cases: GuestCase[];
  targets: Target[];
  /** Rewrite `.expected` files from the targets' transcripts (where they agree). */
  update?: { casesDir: string };
  /** Check portability of snapshots between every ordered pair of targets (default true). */
  portability?: boolean;
  cacheDir?: string;
  /** Called after each case (progress output). */
  onCase?: (result: CaseResult) => void;
}

/** Lines the V8 oracle cannot produce: compared modulo these. */
export function isEngineOnlyLine(line: string): boolean {
  return line.startsWith('snapshot ') || line.startsWith('heap ');
}

export async function runSuite(options: RunSuiteOptions): Promise<SuiteResult> {
  const started = Date.now();
  const targets = options.targets;
  const results: CaseResult[] = [];
  for (const c of options.cases) {
    const result = await runCase(c, targets, options);
    results.push(result);
    options.onCase?.(result);
  }
  const passed = results.filter((r) => r.outcome === 'pass').length;
  const failed = results.filter((r) => r.outcome === 'fail').length;
  const errors = results.filter((r) => r.outcome === 'error').length;
  return {
    targets: targets.map((t) => t.name),
    cases: results,
    summary: { cases: results.length, passed, failed, errors, durationMs: Date.now() - started },
    exitCode: errors > 0 ? 2 : failed > 0 ? 1 : 0,
  };
}

async function runCase(c: GuestCase, targets: Target[], options: RunSuiteOptions): Promise<CaseResult> {
  const group = c.id.split('/')[0]!;
  const result: CaseResult = {
    id: c.id,
    group,
    description: c.description,
    tags: c.tags,
    oracle: c.oracle,
    outcome: 'pass',
    messages: [],
    expected: c.expected,
    runs: [],
    portability: [],
  };
  let snapshot: Uint8Array;
  try {
    snapshot = compileCached(c.id, c.source, options.cacheDir);
  } catch (error) {
    result.outcome = 'error';
    result.messages.push(`does not compile: ${(error as Error).message}`);
    return result;
  }

  // Single-target runs.
  const raw = new Map<string, RunResult>();
  for (const target of targets) {
    const t0 = Date.now();
    try {
      const r = await target.run(snapshot, c.steps);
      raw.set(target.name, r);
      result.runs.push({
        target: target.name,
        outcome: 'pass',
        transcript: r.transcript,
        snapshotSizes: r.snapshots.map((s) => s.length),
        durationMs: Date.now() - t0,
      });
    } catch (error) {
      result.runs.push({
        target: target.name,
        outcome: isCrash(error) ? 'fail' : 'error',
        message: describe(error),
        durationMs: Date.now() - t0,
      });
    }
  }
  const ok = result.runs.filter((r) => r.transcript);

  // Targets against each other: classes of identical transcripts.
  const classes = new Map<string, string[]>();
  for (const r of ok) {
    const key = formatTranscript(r.transcript!);
    classes.set(key, [...(classes.get(key) ?? []), r.target]);
  }
  if (ok.length > 0) {
    const list = [...classes.values()];
    result.crossTarget = { agree: list.length <= 1, classes: list };
    if (list.length > 1) {
      const a = ok.find((r) => r.target === list[0]![0])!;
      const b = ok.find((r) => r.target === list[1]![0])!;
      result.crossTarget.diff = unifiedDiff(a.transcript!, b.transcript!, { expected: a.target, actual: b.target });
    }
  }

  // Snapshot bytes must be identical across targets.
  const snapshotSets = [...raw.entries()];
  if (snapshotSets.length > 1 && snapshotSets.some(([, r]) => r.snapshots.length > 0)) {
    const [firstName, first] = snapshotSets[0]!;
    result.snapshotsIdentical = true;
    for (const [name, r] of snapshotSets.slice(1)) {
      if (!sameSnapshots(first.snapshots, r.snapshots)) {
        result.snapshotsIdentical = false;
        result.messages.push(`captured snapshots differ between ${firstName} and ${name}`);
      }
    }
  }

  // Update the expected transcript from the targets, where they agree.
  if (options.update && ok.length > 0) {
    const agreed = result.crossTarget?.agree && ok.length === result.runs.length;
    const candidate = ok[0]!.transcript!;
    const oracleDiff = c.oracle === 'v8' ? oracleDifference(c, candidate) : undefined;
    if (!agreed) {
      result.messages.push('not updated: the targets disagree');
    } else if (oracleDiff) {
      result.messages.push('not updated: the targets disagree with the V8 oracle');
    } else if (!c.expected || formatTranscript(c.expected) !== formatTranscript(candidate)) {
      writeExpected(options.update.casesDir, c.id, candidate);
      c.expected = candidate;
      result.expected = candidate;
      result.updated = true;
    }
  }

  // Each target against the expected transcript.
  if (!c.expected) {
    result.messages.push('no .expected file (run the CLI with --update-expected and review it)');
  }
  for (const r of result.runs) {
    if (!r.transcript || !c.expected) continue;
    const diff = unifiedDiff(c.expected, r.transcript, { expected: `${c.id}.expected`, actual: r.target });
    if (diff) {
      r.outcome = 'fail';
      r.diff = diff;
    }
  }

  // Without an expected transcript, show how the first target compares with the oracle.
  if (c.oracle === 'v8' && !c.expected && ok[0]) {
    try {
      const diff = oracleDifference(c, ok[0].transcript!);
      if (diff) result.oracleCheck = { outcome: 'fail', diff, message: `${ok[0].target}'s transcript (no .expected yet) differs` };
    } catch (error) {
      result.oracleCheck = { outcome: 'error', message: describe(error) };
    }
  }

  // The expected transcript against the V8 oracle.
  if (c.oracle === 'v8' && c.expected) {
    try {
      const diff = oracleDifference(c, c.expected);
      result.oracleCheck = diff ? { outcome: 'fail', diff } : { outcome: 'pass' };
    } catch (error) {
      result.oracleCheck = { outcome: 'error', message: describe(error) };
    }
  }

  // Snapshot portability: the first snapshot taken on A, restored on B.
  const split = splitAtFirstSnapshot(c.steps);
  if (split && options.portability !== false) {
    const single = (name: string) => result.runs.find((r) => r.target === name);
    for (const a of targets) {
      const aRun = single(a.name);
      if (!aRun?.transcript) continue;
      let head: RunResult;
      try {
        head = await a.run(snapshot, split.head);
      } catch (error) {
        for (const b of targets) result.portability.push({ from: a.name, to: b.name, outcome: 'error', message: describe(error) });
        continue;
      }
      const captured = head.snapshots[0];
      for (const b of targets) {
        if (!captured) {
          result.portability.push({ from: a.name, to: b.name, outcome: 'fail', message: `${a.name} captured no snapshot` });
          continue;
        }
        try {
          const tail = await b.run(captured, split.tail);
          const combined = [...head.transcript, ...tail.transcript];
          const diff = unifiedDiff(aRun.transcript, combined, {
            expected: `${a.name} alone`,
            actual: `${a.name} to the snapshot, then ${b.name}`,
          });
          result.portability.push(diff ? { from: a.name, to: b.name, outcome: 'fail', diff } : { from: a.name, to: b.name, outcome: 'pass' });
        } catch (error) {
          result.portability.push({ from: a.name, to: b.name, outcome: 'error', message: describe(error) });
        }
      }
    }
  }

  const anyError =
    result.runs.some((r) => r.outcome === 'error') ||
    result.portability.some((p) => p.outcome === 'error') ||
    result.oracleCheck?.outcome === 'error';
  const anyFail =
    !c.expected ||
    result.runs.some((r) => r.outcome === 'fail') ||
    result.crossTarget?.agree === false ||
    result.snapshotsIdentical === false ||
    result.portability.some((p) => p.outcome === 'fail') ||
    result.oracleCheck?.outcome === 'fail' ||
    result.messages.some((m) => m.startsWith('not updated'));
  result.outcome = anyError ? 'error' : anyFail ? 'fail' : 'pass';
  return result;
}

/** The oracle's transcript against `lines`, modulo engine-only lines: a diff, or undefined if equal. */
export function oracleDifference(c: GuestCase, lines: readonly string[]): string | undefined {
  const oracle = runInV8(c.source, c.steps);
  const mine = lines.filter((l) => !isEngineOnlyLine(l));
  const diff = unifiedDiff(mine, oracle, { expected: `${c.id}.expected (without snapshot/heap lines)`, actual: 'v8 oracle' });
  return diff || undefined;
}

/** Steps up to and including the first snapshot, and the rest (with the gas setting carried over). */
export function splitAtFirstSnapshot(steps: readonly Step[]): { head: Step[]; tail: Step[] } | undefined {
  const i = steps.findIndex((s) => s.kind === 'snapshot');
  if (i < 0) return undefined;
  const head = steps.slice(0, i + 1);
  const lastGas = [...head].reverse().find((s) => s.kind === 'gas');
  const tail = [...(lastGas ? [lastGas] : []), ...steps.slice(i + 1)];
  return { head, tail };
}

function sameSnapshots(a: Uint8Array[], b: Uint8Array[]): boolean {
  return a.length === b.length && a.every((s, i) => Buffer.compare(s, b[i]!) === 0);
}

/** A target crash (the process died) is a finding about the target: a failure, not an infrastructure error. */
function isCrash(error: unknown): boolean {
  return error instanceof Error && error.name === 'TargetCrashedError';
}

function describe(error: unknown): string {
  if (error instanceof TargetInfrastructureError) return error.message;
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
