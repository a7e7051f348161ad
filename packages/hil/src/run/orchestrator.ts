/**
 * Runs the suite's cases on a set of targets and collects {@link RunResults}.
 *
 * Failure policy (explicit, README "Failure policy"):
 * - Targets run in parallel (`jobs` at a time); a target runs its cases one
 *   after another (a board serves one scenario at a time).
 * - Each case has a timeout. A timeout or a transport error
 *   ({@link TargetInfrastructureError}) is an INFRASTRUCTURE failure: the
 *   target is resynchronised (`resync()` if it has one) and the case retried,
 *   at most `retries` times. Anything else a target throws is also
 *   infrastructure: a case only passes on a transcript.
 * - A transcript that differs from the expected one is a TEST failure; it is
 *   never retried by the transport policy (only by `rerunFailures`, which
 *   looks for flaky cases).
 * - A target whose setup fails, whose `resync()` fails, or that has
 *   `brokenAfter` infrastructure failures in a row is marked broken; its
 *   remaining cases are skipped.
 * - When `signal` aborts (SIGINT), no new case starts; what ran is kept, the
 *   rest is skipped, targets are torn down, and the results are returned.
 */
import { hostname } from 'node:os';
import type { Step, Target } from '@mvtk/shared-suite';
import { TargetInfrastructureError } from '@mvtk/shared-suite';
import { summarize, RESULTS_SCHEMA_VERSION, type CaseOutcome, type RunResults, type TargetReport, type Verdict } from '../report/results.js';

export interface SuiteCase {
  id: string;
  description: string;
  tags: string[];
  snapshot: Uint8Array;
  steps: readonly Step[];
  /** Expected transcript; without it, targets must agree with the first target that ran the case. */
  expected?: string[];
  /** The case could not be compiled: it runs nowhere and counts as an infrastructure failure. */
  compileError?: string;
}

/** A target that can be resynchronised after a transport error (boards). */
export interface ResyncableTarget extends Target {
  /** Brings the target back to a known state (drain, reset, wait for ready). Throws if it cannot. */
  resync?(): Promise<void>;
}

/** What a provider hands back once its target is ready. */
export interface PreparedTarget {
  target: ResyncableTarget;
  /** Report fields known after setup (firmware, flash, port, log file, properties). */
  report?: Partial<Omit<TargetReport, 'name' | 'kind' | 'durationMs'>>;
  /** Last lines of the target's log, read at the end (for the HTML report). */
  logTail?: () => Promise<string | undefined>;
  /** Extra teardown after `target.close()` (release locks, stop emulators), in reverse order of setup. */
  teardown?: () => Promise<void>;
}

export interface TargetProvider {
  name: string;
  kind: TargetReport['kind'];
  boardKind?: string;
  /** Per-case timeout for this target (ms); overrides the run's. */
  caseTimeoutMs?: number;
  /** How long a resync may take (a re-enumerating USB board needs seconds); overrides the run's. */
  resyncTimeoutMs?: number;
  prepare(signal: AbortSignal): Promise<PreparedTarget>;
}

export type ProgressEvent =
  | { type: 'target-setup'; target: string }
  | { type: 'target-ready'; target: string; setupMs: number }
  | { type: 'case-done'; target: string; outcome: CaseOutcome; index: number; total: number }
  | { type: 'target-broken'; target: string; reason: string }
  | { type: 'target-done'; target: string };

export interface RunOptions {
  cases: readonly SuiteCase[];
  providers: readonly TargetProvider[];
  jobs?: number;
  caseTimeoutMs?: number;
  retries?: number;
  /** Default 15 s. */
  resyncTimeoutMs?: number;
  brokenAfter?: number;
  /** Run each failing case this many more times to find flaky ones (nightly: 1). */
  rerunFailures?: number;
  /** Whether a case is on the quarantine list for a target (nightly). */
  quarantine?: (caseId: string, target: string) => boolean;
  signal?: AbortSignal;
  onProgress?: (e: ProgressEvent) => void;
  env?: Record<string, string>;
  runId?: string;
  now?: () => number;
}

export class CaseTimeoutError extends TargetInfrastructureError {
  override name = 'CaseTimeoutError';
}

/** Resolves or rejects with `p`, or rejects with {@link CaseTimeoutError} after `ms`. The loser is ignored. */
export function withTimeout<T>(p: Promise<T>, ms: number, target: string, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CaseTimeoutError(target, `${what}: no answer within ${ms} ms`)), ms);
  });
  p.catch(() => undefined); // a late rejection after the timeout is not unhandled
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

function errorText(error: unknown): string {
  if (error instanceof AggregateError) return [error.message, ...error.errors.map(errorText)].join('\n');
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

function sameLines(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((l, i) => l === b[i]);
}

export async function runSuite(opts: RunOptions): Promise<RunResults> {
  const now = opts.now ?? Date.now;
  const startedAt = new Date(now()).toISOString();
  const signal = opts.signal ?? new AbortController().signal;
  const retries = opts.retries ?? 2;
  const brokenAfter = opts.brokenAfter ?? 2;
  const emit = opts.onProgress ?? (() => undefined);
  const outcomes: CaseOutcome[] = [];
  const reports: TargetReport[] = [];

  async function runTarget(p: TargetProvider): Promise<void> {
    const report: TargetReport = { name: p.name, kind: p.kind, durationMs: 0, properties: {}, ...(p.boardKind ? { boardKind: p.boardKind } : {}) };
    reports.push(report);
    const t0 = now();
    const mine: CaseOutcome[] = [];
    const push = (o: CaseOutcome, index: number) => {
      mine.push(o);
      outcomes.push(o);
      emit({ type: 'case-done', target: p.name, outcome: o, index, total: opts.cases.length });
    };
    const skipRest = (from: number, why: string, verdict: Verdict = 'skip') => {
      for (let i = from; i < opts.cases.length; i++) {
        const c = opts.cases[i]!;
        push({ caseId: c.id, target: p.name, verdict, error: why, durationMs: 0, attempts: 0, ...(c.expected ? { expected: c.expected } : {}) }, i);
      }
    };

    if (signal.aborted) {
      skipRest(0, 'run interrupted before this target started');
      return;
    }
    emit({ type: 'target-setup', target: p.name });
    let prepared: PreparedTarget;
    try {
      prepared = await p.prepare(signal);
    } catch (error) {
      report.broken = `setup failed: ${errorText(error)}`;
      report.setupMs = now() - t0;
      report.durationMs = report.setupMs;
      emit({ type: 'target-broken', target: p.name, reason: report.broken });
      skipRest(0, report.broken, 'infra');
      return;
    }
    Object.assign(report, prepared.report ?? {}, { properties: { ...(prepared.report?.properties ?? {}) } });
    report.setupMs = now() - t0;
    emit({ type: 'target-ready', target: p.name, setupMs: report.setupMs });
    const { target } = prepared;
    const timeoutMs = p.caseTimeoutMs ?? opts.caseTimeoutMs ?? 20_000;
    const resyncTimeoutMs = p.resyncTimeoutMs ?? opts.resyncTimeoutMs ?? 15_000;
    let infraInARow = 0;

    const attempt = async (c: SuiteCase): Promise<{ outcome: CaseOutcome; fatal?: string }> => {
      const started = now();
      let lastError: unknown;
      for (let tryNo = 1; tryNo <= retries + 1; tryNo++) {
        try {
          const r = await withTimeout(target.run(c.snapshot, c.steps), timeoutMs, p.name, `case ${c.id}`);
          const base = { caseId: c.id, target: p.name, transcript: r.transcript, durationMs: now() - started, attempts: tryNo };
          if (!c.expected) return { outcome: { ...base, verdict: 'pass' } }; // decided against the reference later
          return { outcome: { ...base, expected: c.expected, verdict: sameLines(r.transcript, c.expected) ? 'pass' : 'fail' } };
        } catch (error) {
          lastError = error;
          if (signal.aborted) break;
          if (!target.resync) continue;
          try {
            await withTimeout(target.resync(), resyncTimeoutMs, p.name, 'resync');
          } catch (resyncError) {
            return {
              outcome: infraOutcome(c, started, tryNo, `${errorText(error)}\nresync failed: ${errorText(resyncError)}`),
              fatal: `unresponsive: resync failed after case ${c.id}: ${errorText(resyncError)}`,
            };
          }
        }
      }
      return { outcome: infraOutcome(c, started, retries + 1, errorText(lastError)) };
    };
    const infraOutcome = (c: SuiteCase, started: number, attempts: number, error: string): CaseOutcome => ({
      caseId: c.id,
      target: p.name,
      verdict: 'infra',
      error,
      durationMs: now() - started,
      attempts,
      ...(c.expected ? { expected: c.expected } : {}),
    });

    try {
      for (let i = 0; i < opts.cases.length; i++) {
        const c = opts.cases[i]!;
        if (signal.aborted) {
          skipRest(i, 'run interrupted');
          break;
        }
        if (c.compileError) {
          push({ caseId: c.id, target: p.name, verdict: 'infra', error: c.compileError, durationMs: 0, attempts: 0, ...(c.expected ? { expected: c.expected } : {}) }, i);
          continue;
        }
        const { outcome, fatal } = await attempt(c);
        if (outcome.verdict === 'fail' && (opts.rerunFailures ?? 0) > 0) {
          outcome.reruns = [];
          for (let r = 0; r < opts.rerunFailures! && !signal.aborted; r++) {
            const again = await attempt(c);
            outcome.reruns.push(again.outcome.verdict);
          }
          if (outcome.reruns.includes('pass')) outcome.flaky = true;
        }
        if (opts.quarantine?.(c.id, p.name)) outcome.quarantined = true;
        push(outcome, i);
        infraInARow = outcome.verdict === 'infra' ? infraInARow + 1 : 0;
        const reason = fatal ?? (infraInARow >= brokenAfter ? `unresponsive: ${infraInARow} infrastructure failures in a row` : undefined);
        if (reason) {
          report.broken = reason;
          emit({ type: 'target-broken', target: p.name, reason });
          skipRest(i + 1, `${p.name} is broken: ${reason}`);
          break;
        }
      }
    } finally {
      try {
        report.logTail = (await prepared.logTail?.()) ?? report.logTail;
      } catch {
        /* the log is a nicety */
      }
      if (!report.logTail) delete report.logTail;
      // Tear down in reverse order of setup; report every error, swallow none.
      const errors: unknown[] = [];
      await target.close().catch((e) => errors.push(e));
      if (prepared.teardown) await prepared.teardown().catch((e) => errors.push(e));
      report.durationMs = now() - t0;
      emit({ type: 'target-done', target: p.name });
      if (errors.length) {
        const msg = `teardown failed: ${errors.map(errorText).join('; ')}`;
        report.broken = report.broken ? `${report.broken}; ${msg}` : msg;
      }
    }
  }

  // A simple pool: `jobs` targets at a time.
  const queue = [...opts.providers];
  const jobs = Math.max(1, opts.jobs ?? queue.length);
  await Promise.all(
    Array.from({ length: Math.min(jobs, queue.length) }, async () => {
      for (let p = queue.shift(); p; p = queue.shift()) await runTarget(p);
    }),
  );

  // Cases without an expected transcript: every target must agree with the
  // first target (in the given order) that produced one.
  const order = new Map(opts.providers.map((p, i) => [p.name, i]));
  for (const c of opts.cases.filter((c) => !c.expected)) {
    const ran = outcomes
      .filter((o) => o.caseId === c.id && o.transcript)
      .sort((a, b) => order.get(a.target)! - order.get(b.target)!);
    const ref = ran[0]?.transcript;
    for (const o of ran) {
      o.expected = ref;
      if (o.verdict === 'pass' && ref && !sameLines(o.transcript!, ref)) o.verdict = 'fail';
    }
  }
  const caseOrder = new Map(opts.cases.map((c, i) => [c.id, i]));
  outcomes.sort((a, b) => order.get(a.target)! - order.get(b.target)! || caseOrder.get(a.caseId)! - caseOrder.get(b.caseId)!);
  reports.sort((a, b) => order.get(a.name)! - order.get(b.name)!);
  const interrupted = signal.aborted;
  return {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    runId: opts.runId ?? new Date(now()).toISOString().replace(/[:.]/g, '-'),
    startedAt,
    finishedAt: new Date(now()).toISOString(),
    interrupted,
    env: { host: hostname(), node: process.version, platform: `${process.platform}-${process.arch}`, ...opts.env },
    targets: reports,
    cases: opts.cases.map((c) => ({ id: c.id, description: c.description, tags: c.tags, ...(c.expected ? { expected: c.expected } : {}) })),
    outcomes,
    summary: summarize(outcomes, reports, interrupted),
  };
}
