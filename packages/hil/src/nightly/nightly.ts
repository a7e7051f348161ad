/**
 * Nightly runs: a quarantine list, a history of the last N runs, and what
 * changed since the previous night.
 *
 * - History: `<dir>/<runId>/` holds each run's report files; the oldest are
 *   removed beyond `keep`. `<dir>/latest` names the newest run.
 * - Changes compare (case, target) verdicts with the previous run: new
 *   differences/infrastructure failures, fixed ones, still failing, and flaky
 *   (passed and failed within this run: failing cases are run twice).
 * - Quarantined cases still run and are reported, but do not fail the night.
 */
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { parseResultsJson } from '../report/json.js';
import { EXIT, type CaseOutcome, type ExitCode, type RunResults, type Verdict } from '../report/results.js';
import { REPORT_FILES } from '../report/write.js';

// ---- quarantine --------------------------------------------------------------

const QuarantineSchema = z.strictObject({
  version: z.literal(1),
  quarantine: z.array(
    z.strictObject({
      /** Case id (`group/name`); `*` at the end matches a prefix. */
      case: z.string().min(1),
      /** Only on this target (default: every target). */
      target: z.string().optional(),
      reason: z.string().min(1, 'say why the case is quarantined'),
      /** Optional issue link or id. */
      issue: z.string().optional(),
      /** ISO date after which the entry no longer applies (so quarantine does not rot). */
      until: z.iso.date().optional(),
    }),
  ),
});
export type QuarantineEntry = z.infer<typeof QuarantineSchema>['quarantine'][number];

export class QuarantineError extends Error {
  override name = 'QuarantineError';
  readonly code = 'MVTK_HIL_QUARANTINE';
}

export function parseQuarantine(text: string, file = 'quarantine list'): QuarantineEntry[] {
  const r = QuarantineSchema.safeParse(parseYaml(text));
  if (!r.success) {
    throw new QuarantineError(`${file}: ${r.error.issues.map((i) => `${i.path.join('.') || '(top level)'}: ${i.message}`).join('; ')}`);
  }
  return r.data.quarantine;
}

export function quarantineMatcher(entries: readonly QuarantineEntry[], today = new Date()): (caseId: string, target: string) => boolean {
  const day = today.toISOString().slice(0, 10);
  const live = entries.filter((e) => !e.until || e.until >= day);
  return (caseId, target) =>
    live.some((e) => (e.case.endsWith('*') ? caseId.startsWith(e.case.slice(0, -1)) : e.case === caseId) && (!e.target || e.target === target));
}

// ---- changes -------------------------------------------------------------------

export interface ChangeItem {
  caseId: string;
  target: string;
  was?: Verdict;
  now: Verdict;
  quarantined?: boolean;
}

export interface NightlyChanges {
  previousRunId?: string;
  /** Failing now, passing (or absent) last time. */
  newFailures: ChangeItem[];
  /** Passing now, failing last time. */
  fixed: ChangeItem[];
  stillFailing: ChangeItem[];
  /** Passed and failed within this run. */
  flaky: ChangeItem[];
  /** Failing now but on the quarantine list. */
  quarantined: ChangeItem[];
}

const bad = (v: Verdict | undefined) => v === 'fail' || v === 'infra';

export function diffRuns(current: RunResults, previous: RunResults | undefined): NightlyChanges {
  const prev = new Map<string, CaseOutcome>();
  for (const o of previous?.outcomes ?? []) prev.set(`${o.caseId}\u0000${o.target}`, o);
  const changes: NightlyChanges = { newFailures: [], fixed: [], stillFailing: [], flaky: [], quarantined: [], ...(previous ? { previousRunId: previous.runId } : {}) };
  for (const o of current.outcomes) {
    const was = prev.get(`${o.caseId}\u0000${o.target}`)?.verdict;
    const item: ChangeItem = { caseId: o.caseId, target: o.target, now: o.verdict, ...(was ? { was } : {}), ...(o.quarantined ? { quarantined: true } : {}) };
    if (o.flaky) changes.flaky.push(item);
    if (bad(o.verdict) && o.quarantined) changes.quarantined.push(item);
    else if (bad(o.verdict) && !o.flaky) (bad(was) ? changes.stillFailing : changes.newFailures).push(item);
    else if (o.verdict === 'pass' && bad(was)) changes.fixed.push(item);
  }
  return changes;
}

/**
 * The night's exit code: like `hil run`'s, except quarantined and flaky cases
 * do not fail it (they are reported).
 */
export function nightlyExitCode(results: RunResults): ExitCode {
  const counted = results.outcomes.filter((o) => !o.quarantined && !o.flaky);
  if (results.interrupted || results.targets.some((t) => t.broken) || counted.some((o) => o.verdict === 'infra')) return EXIT.INFRASTRUCTURE;
  return counted.some((o) => o.verdict === 'fail') ? EXIT.DIFFERENCES : EXIT.IDENTICAL;
}

export function formatChanges(c: NightlyChanges): string {
  const list = (title: string, items: ChangeItem[]) =>
    items.length ? [`${title} (${items.length}):`, ...items.map((i) => `  ${i.caseId} on ${i.target}: ${i.was ?? 'new'} → ${i.now}`)] : [];
  const lines = [
    c.previousRunId ? `Changes since ${c.previousRunId}:` : 'No previous night to compare with.',
    ...list('NEW failures', c.newFailures),
    ...list('Fixed', c.fixed),
    ...list('Flaky (passed and failed tonight)', c.flaky),
    ...list('Still failing', c.stillFailing),
    ...list('Quarantined failures (not counted)', c.quarantined),
  ];
  if (lines.length === 1) lines.push('  nothing changed');
  return lines.join('\n');
}

// ---- history -------------------------------------------------------------------

/** Run ids in the history folder, oldest first (ids sort by time). */
export async function historyRuns(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
}

export async function loadPreviousRun(dir: string, beforeRunId: string): Promise<RunResults | undefined> {
  const runs = (await historyRuns(dir)).filter((r) => r < beforeRunId).reverse();
  for (const id of runs) {
    try {
      return parseResultsJson(await readFile(join(dir, id, REPORT_FILES.json), 'utf8'));
    } catch {
      /* an interrupted or older-format run: try the one before */
    }
  }
  return undefined;
}

/** Removes all but the newest `keep` runs; records `latest`. Returns the removed ids. */
export async function pruneHistory(dir: string, keep: number, latest: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'latest'), `${latest}\n`);
  const runs = await historyRuns(dir);
  const remove = runs.slice(0, Math.max(0, runs.length - Math.max(1, keep)));
  for (const id of remove) await rm(join(dir, id), { recursive: true, force: true });
  return remove;
}
