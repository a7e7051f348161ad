/**
 * The results of one `hil run`: what every report (JSON, JUnit, HTML) and
 * the nightly history are written from. `results.json` is this object;
 * {@link RESULTS_SCHEMA_VERSION} changes when its shape does.
 */
export const RESULTS_SCHEMA_VERSION = 1;

/**
 * - `pass`: the transcript equals the expected one (and every other target's).
 * - `fail`: a TEST failure: the target behaved differently.
 * - `infra`: an INFRASTRUCTURE failure: flash failed, board unresponsive, transport error, timeout.
 * - `skip`: not run (a broken board, an interrupted run, filtered out by capability).
 */
export type Verdict = 'pass' | 'fail' | 'infra' | 'skip';

export interface CaseOutcome {
  caseId: string;
  target: string;
  verdict: Verdict;
  transcript?: string[];
  expected?: string[];
  /** For `infra` and `skip`: why. */
  error?: string;
  durationMs: number;
  /** Tries used, counting transport retries (1 = first try succeeded). */
  attempts: number;
  /** Verdicts of the reruns of a failing case (nightly runs failing cases twice). */
  reruns?: Verdict[];
  /** Seen both passing and failing within this run. */
  flaky?: boolean;
  /** On the quarantine list: reported but does not fail the run. */
  quarantined?: boolean;
}

export interface FirmwareInfo {
  path: string;
  sha256: string;
  fileBytes: number;
  flashBytes?: number;
  ramBytes?: number;
  commit?: string;
}

export interface TargetReport {
  name: string;
  kind: 'host' | 'board' | 'virtual';
  /** Board kind from the hardware map, for boards. */
  boardKind?: string;
  port?: string;
  firmware?: FirmwareInfo;
  flash?: { skipped: boolean; durationMs: number; logFile?: string };
  /** The board's log (transport bytes, flash and QEMU output). */
  logFile?: string;
  /** Last lines of the board log, inlined into the HTML report. */
  logTail?: string;
  /** Set when the target failed hard and was skipped from then on. */
  broken?: string;
  setupMs?: number;
  durationMs: number;
  /** Recorded as JUnit testsuite properties. */
  properties: Record<string, string>;
}

export interface CaseInfo {
  id: string;
  description: string;
  tags: string[];
  expected?: string[];
}

export interface RunResults {
  schemaVersion: typeof RESULTS_SCHEMA_VERSION;
  runId: string;
  startedAt: string;
  finishedAt: string;
  /** The run was stopped (SIGINT) before every case ran. */
  interrupted: boolean;
  env: Record<string, string>;
  targets: TargetReport[];
  cases: CaseInfo[];
  outcomes: CaseOutcome[];
  summary: RunSummary;
}

export interface RunSummary {
  pass: number;
  fail: number;
  infra: number;
  skip: number;
  /** Failures on quarantined cases (not counted in `fail`/`infra`). */
  quarantined: number;
  flaky: number;
  exitCode: ExitCode;
}

/** `hil run` exit codes (README "Exit codes"). */
export const EXIT = {
  /** Every case gave the expected transcript on every target. */
  IDENTICAL: 0,
  /** At least one target behaved differently (a test failure). */
  DIFFERENCES: 1,
  /** Infrastructure failed (flash, board unresponsive, setup): results are incomplete. */
  INFRASTRUCTURE: 2,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export function summarize(outcomes: readonly CaseOutcome[], targets: readonly TargetReport[] = [], interrupted = false): RunSummary {
  const s = { pass: 0, fail: 0, infra: 0, skip: 0, quarantined: 0, flaky: 0 };
  for (const o of outcomes) {
    if (o.flaky) s.flaky++;
    if (o.quarantined && o.verdict !== 'pass' && o.verdict !== 'skip') s.quarantined++;
    else s[o.verdict]++;
  }
  const infra = s.infra > 0 || targets.some((t) => t.broken) || interrupted;
  const exitCode = infra ? EXIT.INFRASTRUCTURE : s.fail > 0 ? EXIT.DIFFERENCES : EXIT.IDENTICAL;
  return { ...s, exitCode };
}
