/**
 * The text report: a compact matrix (one row per group with counts, full
 * rows only for cases with differences) and a unified diff per difference.
 */
import type { CaseResult, Outcome, SuiteResult } from './runner.js';

const mark: Record<Outcome, string> = { pass: 'ok', fail: 'DIFF', error: 'ERROR' };

export function formatMatrix(result: SuiteResult): string {
  const targets = result.targets;
  const columns = [...targets, 'oracle', 'portability'];
  const groups = new Map<string, CaseResult[]>();
  for (const c of result.cases) groups.set(c.group, [...(groups.get(c.group) ?? []), c]);
  const rows: string[][] = [['case', ...columns]];
  for (const [group, cases] of groups) {
    const cells = columns.map((col) => {
      const cells = cases.map((c) => cellOutcome(c, col)).filter((o): o is Outcome => o !== undefined);
      if (cells.length === 0) return '-';
      const ok = cells.filter((o) => o === 'pass').length;
      return `${ok}/${cells.length}`;
    });
    rows.push([`${group}/ (${cases.length})`, ...cells]);
    for (const c of cases) {
      if (c.outcome === 'pass') continue;
      rows.push([`  ${c.id}`, ...columns.map((col) => {
        const o = cellOutcome(c, col);
        return o === undefined ? '-' : mark[o];
      })]);
    }
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const lines = rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd());
  lines.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  const s = result.summary;
  lines.push('');
  lines.push(
    `${s.cases} cases on ${targets.length} target(s) [${targets.join(', ')}]: ${s.passed} identical, ${s.failed} with differences, ${s.errors} with errors (${(s.durationMs / 1000).toFixed(1)} s)`,
  );
  return lines.join('\n');
}

/** A case's outcome in one column; undefined when the column does not apply. */
function cellOutcome(c: CaseResult, column: string): Outcome | undefined {
  if (column === 'oracle') return c.oracleCheck?.outcome;
  if (column === 'portability') {
    if (c.portability.length === 0) return undefined;
    if (c.portability.some((p) => p.outcome === 'error')) return 'error';
    return c.portability.some((p) => p.outcome === 'fail') ? 'fail' : 'pass';
  }
  const run = c.runs.find((r) => r.target === column);
  if (!run) return c.messages.some((m) => m.startsWith('does not compile')) ? 'error' : undefined;
  if (run.outcome === 'pass' && (c.crossTarget?.agree === false || c.snapshotsIdentical === false)) return 'fail';
  return run.outcome;
}

/** Every difference and error, with diffs. */
export function formatDetails(result: SuiteResult): string {
  const out: string[] = [];
  for (const c of result.cases) {
    if (c.outcome === 'pass') continue;
    out.push(`=== ${c.id}: ${c.description}`);
    for (const m of c.messages) out.push(`  ${m}`);
    for (const r of c.runs) {
      if (r.message) out.push(`  [${r.target}] ${r.message}`);
      if (r.diff) out.push(indent(r.diff));
    }
    if (c.crossTarget?.agree === false) {
      out.push(`  targets disagree: ${c.crossTarget.classes.map((k) => k.join('+')).join(' vs ')}`);
      if (c.crossTarget.diff) out.push(indent(c.crossTarget.diff));
    }
    if (c.oracleCheck && c.oracleCheck.outcome !== 'pass') {
      out.push(`  the expected transcript does not match the V8 oracle${c.oracleCheck.message ? `: ${c.oracleCheck.message}` : ''}`);
      if (c.oracleCheck.diff) out.push(indent(c.oracleCheck.diff));
    }
    for (const p of c.portability) {
      if (p.outcome === 'pass') continue;
      out.push(`  snapshot from ${p.from} restored on ${p.to}: ${p.message ?? 'transcripts differ'}`);
      if (p.diff) out.push(indent(p.diff));
    }
    out.push('');
  }
  return out.join('\n');
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
}
