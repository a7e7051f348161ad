/**
 * `hil run` and `hil nightly` as functions (the CLI parses arguments and
 * calls these): select targets, load and compile the shared suite, run it,
 * write the reports, return the exit code.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { compileCached, defaultCasesDir, loadCases, targetFactories, type TargetFactory } from '@mvtk/shared-suite';
import { PlatformIO } from '../flash/platformio.js';
import { diffRuns, formatChanges, loadPreviousRun, nightlyExitCode, parseQuarantine, pruneHistory, quarantineMatcher, type NightlyChanges } from '../nightly/nightly.js';
import { EXIT, type ExitCode, type RunResults } from '../report/results.js';
import { writeReports } from '../report/write.js';
import { loadHardwareMap, selectBoards, type HardwareMap } from '../resources/hardware-map.js';
import { boardProvider, unavailableConnector, type BoardConnector } from '../strategies/board-strategy.js';
import { virtualBoardProviders } from '../targets/virtual-board.js';
import { runSuite, type ProgressEvent, type SuiteCase, type TargetProvider } from './orchestrator.js';
import { ProgressRenderer, type ProgressStream } from './progress.js';
import { readFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { elfSizes, firmwareBuildEnv } from '../flash/firmware-env.js';

export interface RunCommandOptions {
  /** Target names: host targets, virtual boards, board names or `tag:X` from the map, `boards` for every board. */
  targets?: string[];
  boards?: string;
  filter?: string;
  jobs?: number;
  out: string;
  casesDir?: string;
  caseTimeoutMs?: number;
  retries?: number;
  stateDir?: string;
  forceFlash?: boolean;
  lockWaitMs?: number;
  rerunFailures?: number;
  quarantine?: (caseId: string, target: string) => boolean;
  connector?: BoardConnector;
  hostFactories?: readonly TargetFactory[];
  signal?: AbortSignal;
  stdout?: ProgressStream;
  live?: boolean;
  /** Extra sections for the HTML report. */
  changes?: NightlyChanges;
  runId?: string;
}

export const DEFAULT_STATE_DIR = join(homedir(), '.cache', 'mvtk', 'hil');

function gitCommit(cwd: string): string | undefined {
  try {
    const sha = execFileSync('git', ['rev-parse', 'HEAD'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return dirty ? `${sha}-dirty` : sha;
  } catch {
    return undefined;
  }
}

export class TargetSelectionError extends Error {
  override name = 'TargetSelectionError';
  readonly code = 'MVTK_HIL_TARGETS';
}

/** Loads and compiles the suite's cases; a case that does not compile runs nowhere and is an infrastructure failure. */
export function loadSuite(casesDir = defaultCasesDir, filter?: string): SuiteCase[] {
  const pattern = filter && /[*?[\]^$]/.test(filter) ? new RegExp(filter.includes('*') && !filter.includes('.*') ? filter.replace(/\*/g, '.*') : filter) : filter;
  return loadCases(casesDir, pattern ? { filter: pattern } : {}).map((c) => {
    let snapshot: Uint8Array = new Uint8Array();
    let compileError: string | undefined;
    try {
      snapshot = compileCached(c.id, c.source);
    } catch (error) {
      compileError = `does not compile: ${(error as Error).message}`;
    }
    return { id: c.id, description: c.description, tags: c.tags, snapshot, steps: c.steps, ...(c.expected ? { expected: c.expected } : {}), ...(compileError ? { compileError } : {}) };
  });
}

function hostProvider(f: TargetFactory): TargetProvider {
  return {
    name: f.name,
    kind: 'host',
    async prepare() {
      const why = await f.unavailable();
      if (why) throw new Error(`${f.name} is unavailable here: ${why}`);
      return { target: await f.create() };
    },
  };
}

export async function selectProviders(opts: RunCommandOptions, runId: string, map: HardwareMap | undefined): Promise<TargetProvider[]> {
  const hosts = opts.hostFactories ?? targetFactories;
  const virtual = virtualBoardProviders(hosts);
  const stateDir = opts.stateDir ?? DEFAULT_STATE_DIR;
  let pio: PlatformIO | undefined;
  if (map) {
    const baseDir = map.baseDir ?? process.cwd();
    const projectDir = (b: { pio: { project: string } }) => resolve(baseDir, b.pio.project);
    pio = new PlatformIO({
      stateDir,
      logDir: join(opts.out, 'logs'),
      baseDir,
      buildEnv: firmwareBuildEnv(projectDir, join(tmpdir(), `mvtk-hil-pio-${runId}`)),
      elfSizes,
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
  }
  const commit = map?.baseDir ? gitCommit(map.baseDir) : undefined;
  const buildCache = new Map();
  const board = (b: ReturnType<typeof selectBoards>[number]) =>
    boardProvider(b, {
      pio: pio!,
      connector: opts.connector ?? unavailableConnector,
      lockDir: join(stateDir, 'locks'),
      logDir: join(opts.out, 'logs'),
      runId,
      buildCache,
      ...(opts.lockWaitMs !== undefined ? { lockWaitMs: opts.lockWaitMs } : {}),
      ...(opts.forceFlash ? { forceFlash: true } : {}),
      ...(commit ? { firmwareCommit: commit } : {}),
    });

  const names = opts.targets?.flatMap((t) => t.split(',')).map((t) => t.trim()).filter(Boolean);
  if (!names?.length) {
    // Default: every available host target, plus every enabled board of the map.
    const out: TargetProvider[] = [];
    for (const f of hosts) if (!(await f.unavailable())) out.push(hostProvider(f));
    if (map) out.push(...selectBoards(map).map(board));
    return out;
  }
  const out: TargetProvider[] = [];
  const seen = new Set<string>();
  const add = (p: TargetProvider) => {
    if (!seen.has(p.name)) out.push(p), seen.add(p.name);
  };
  for (const n of names) {
    const host = hosts.find((f) => f.name === n);
    const virt = virtual.find((v) => v.name === n);
    if (host) add(hostProvider(host));
    else if (virt) add(virt);
    else if (map && (n === 'boards' || n.startsWith('tag:') || map.boards.some((b) => b.name === n))) {
      selectBoards(map, n === 'boards' ? [] : [n]).forEach((b) => add(board(b)));
    } else {
      const known = [...hosts.map((f) => f.name), ...virtual.map((v) => v.name), ...(map ? ['boards', ...map.boards.map((b) => b.name)] : [])];
      throw new TargetSelectionError(`unknown target "${n}"${map ? '' : ' (boards need --boards MAP)'}; known: ${known.join(', ')}`);
    }
  }
  return out;
}

export interface RunCommandResult {
  results: RunResults;
  exitCode: ExitCode;
  paths: Record<string, string>;
}

export async function runCommand(opts: RunCommandOptions): Promise<RunCommandResult> {
  const runId = opts.runId ?? new Date().toISOString().replace(/[:.]/g, '-');
  const out = resolve(opts.out);
  const map = opts.boards ? await loadHardwareMap(opts.boards) : undefined;
  const providers = await selectProviders({ ...opts, out }, runId, map);
  if (providers.length === 0) throw new TargetSelectionError('no targets to run on');
  const cases = loadSuite(opts.casesDir, opts.filter);
  const stdout = opts.stdout ?? process.stdout;
  const progress = new ProgressRenderer(stdout, providers.map((p) => p.name), cases.length, opts.live === undefined ? {} : { live: opts.live });
  const commit = gitCommit(process.cwd());
  let results: RunResults;
  try {
    results = await runSuite({
      cases,
      providers,
      runId,
      jobs: opts.jobs ?? providers.length,
      ...(opts.caseTimeoutMs ? { caseTimeoutMs: opts.caseTimeoutMs } : {}),
      ...(opts.retries !== undefined ? { retries: opts.retries } : {}),
      ...(opts.rerunFailures ? { rerunFailures: opts.rerunFailures } : {}),
      ...(opts.quarantine ? { quarantine: opts.quarantine } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
      onProgress: (e: ProgressEvent) => progress.handle(e),
      env: { ...(commit ? { 'git.commit': commit } : {}), ...(map?.lab ? { lab: map.lab } : {}), ...(process.env.CI ? { ci: process.env.CI } : {}) },
    });
  } finally {
    progress.stop();
  }
  const paths = await writeReports(results, out, opts.changes ? { changes: opts.changes } : {});
  const s = results.summary;
  stdout.write(
    `\n${s.pass} passed, ${s.fail} different, ${s.infra} infrastructure, ${s.skip} skipped` +
      `${s.quarantined ? `, ${s.quarantined} quarantined` : ''}${s.flaky ? `, ${s.flaky} flaky` : ''}${results.interrupted ? ' (interrupted)' : ''}\n` +
      `report: ${paths.html}\njunit:  ${paths.junit}\njson:   ${paths.json}\n`,
  );
  return { results, exitCode: s.exitCode, paths };
}

export interface NightlyOptions extends Omit<RunCommandOptions, 'out' | 'rerunFailures' | 'quarantine' | 'changes'> {
  history: string;
  keep?: number;
  quarantineFile?: string;
}

export async function nightlyCommand(opts: NightlyOptions): Promise<RunCommandResult & { changes: NightlyChanges }> {
  const runId = opts.runId ?? new Date().toISOString().replace(/[:.]/g, '-');
  const history = resolve(opts.history);
  const entries = opts.quarantineFile ? parseQuarantine(await readFile(opts.quarantineFile, 'utf8'), opts.quarantineFile) : [];
  const previous = await loadPreviousRun(history, runId);
  const out = join(history, runId);
  // The changes need this run's results, and the HTML report shows them, so
  // the reports are written twice: plainly by runCommand, then with changes.
  const r = await runCommand({ ...opts, runId, out, rerunFailures: 1, quarantine: quarantineMatcher(entries) });
  const changes = diffRuns(r.results, previous);
  const exitCode = nightlyExitCode(r.results);
  const results = { ...r.results, summary: { ...r.results.summary, exitCode } };
  const paths = await writeReports(results, out, { changes, title: `hil nightly ${runId}` });
  await mkdir(out, { recursive: true });
  await writeFile(join(out, 'changes.json'), `${JSON.stringify(changes, null, 2)}\n`);
  const text = formatChanges(changes);
  await writeFile(join(out, 'changes.txt'), `${text}\n`);
  (opts.stdout ?? process.stdout).write(`\n${text}\nnightly exit code ${exitCode}\n`);
  await pruneHistory(history, opts.keep ?? 14, runId);
  return { results, exitCode, paths: { ...paths, changes: join(out, 'changes.json') }, changes };
}

export { EXIT };
