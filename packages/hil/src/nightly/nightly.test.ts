import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleResults } from '../report/fixture.js';
import { EXIT, type RunResults } from '../report/results.js';
import { writeReports } from '../report/write.js';
import { diffRuns, formatChanges, loadPreviousRun, nightlyExitCode, parseQuarantine, pruneHistory, quarantineMatcher, QuarantineError } from './nightly.js';

function night(runId: string, verdicts: Record<string, RunResults['outcomes'][number]['verdict']>, extra: Record<string, Partial<RunResults['outcomes'][number]>> = {}): RunResults {
  const r = sampleResults();
  r.runId = runId;
  r.targets = r.targets.slice(0, 1).map((t) => ({ ...t, name: 'b' }));
  r.outcomes = Object.entries(verdicts).map(([caseId, verdict]) => ({ caseId, target: 'b', verdict, durationMs: 1, attempts: 1, ...extra[caseId] }));
  return r;
}

describe('quarantine list', () => {
  it('validates, matches by case, prefix and target, and expires', () => {
    const entries = parseQuarantine(`
version: 1
quarantine:
  - { case: float/tiny, reason: "picolibc prints 5e-324", issue: "#12" }
  - { case: "gc/*", target: esp32dev-1, reason: flaky heap numbers }
  - { case: old/one, reason: fixed long ago, until: 2020-01-01 }
`);
    const q = quarantineMatcher(entries, new Date('2026-11-25'));
    expect(q('float/tiny', 'any')).toBe(true);
    expect(q('gc/heap', 'esp32dev-1')).toBe(true);
    expect(q('gc/heap', 'nucleo')).toBe(false);
    expect(q('old/one', 'x')).toBe(false);
    expect(() => parseQuarantine('version: 1\nquarantine:\n  - { case: x, reason: "" }', 'q.yaml')).toThrow(QuarantineError);
    expect(() => parseQuarantine('version: 1\nquarantine:\n  - { case: x, reason: "" }', 'q.yaml')).toThrow(/q\.yaml: quarantine\.0\.reason: say why/);
  });
});

describe('changes since the previous night', () => {
  it('finds new failures, fixed ones, still failing, flaky and quarantined', () => {
    const prev = night('2026-11-24', { a: 'pass', b: 'fail', c: 'fail', d: 'pass', e: 'pass', f: 'infra' });
    const now = night(
      '2026-11-25',
      { a: 'fail', b: 'pass', c: 'fail', d: 'fail', e: 'fail', f: 'infra', g: 'infra' },
      { d: { flaky: true, reruns: ['pass'] }, e: { quarantined: true } },
    );
    const c = diffRuns(now, prev);
    const ids = (l: typeof c.newFailures) => l.map((i) => i.caseId);
    expect(c.previousRunId).toBe('2026-11-24');
    expect(ids(c.newFailures)).toEqual(['a', 'g']);
    expect(ids(c.fixed)).toEqual(['b']);
    expect(ids(c.stillFailing)).toEqual(['c', 'f']);
    expect(ids(c.flaky)).toEqual(['d']);
    expect(ids(c.quarantined)).toEqual(['e']);
    expect(formatChanges(c)).toContain('NEW failures (2):\n  a on b: pass → fail\n  g on b: new → infra');
  });

  it('quarantined and flaky cases do not fail the night; real ones do', () => {
    expect(nightlyExitCode(night('n', { a: 'pass', d: 'fail', e: 'fail' }, { d: { flaky: true }, e: { quarantined: true } }))).toBe(EXIT.IDENTICAL);
    expect(nightlyExitCode(night('n', { a: 'fail' }))).toBe(EXIT.DIFFERENCES);
    expect(nightlyExitCode(night('n', { a: 'fail', b: 'infra' }))).toBe(EXIT.INFRASTRUCTURE);
    expect(nightlyExitCode(night('n', { e: 'infra' }, { e: { quarantined: true } }))).toBe(EXIT.IDENTICAL);
  });

  it('first night: everything failing is new', () => {
    const c = diffRuns(night('n', { a: 'fail' }), undefined);
    expect(c.previousRunId).toBeUndefined();
    expect(c.newFailures).toHaveLength(1);
    expect(formatChanges(c)).toMatch(/^No previous night/);
  });
});

describe('history', () => {
  it('finds the previous readable run and keeps the last N', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hil-hist-'));
    for (const id of ['2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23']) await writeReports(night(id, { a: 'pass' }), join(dir, id));
    // An interrupted night without results.json is skipped.
    await mkdir(join(dir, '2026-11-24'));
    await writeFile(join(dir, '2026-11-24', 'results.json'), '{"truncated');
    expect((await loadPreviousRun(dir, '2026-11-25'))!.runId).toBe('2026-11-23');
    expect(await loadPreviousRun(dir, '2026-11-20')).toBeUndefined();
    const removed = await pruneHistory(dir, 3, '2026-11-24');
    expect(removed).toEqual(['2026-11-20', '2026-11-21']);
    expect((await readdir(dir)).sort()).toEqual(['2026-11-22', '2026-11-23', '2026-11-24', 'latest']);
    expect(await readFile(join(dir, 'latest'), 'utf8')).toBe('2026-11-24\n');
  });
});
