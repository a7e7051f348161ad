// Shared helpers of the reliability tests: paths, and running Node scripts in
// child processes with a wall-clock guard (a crash or a hang of the engine is
// then a failed assertion, never a dead or stuck test runner).
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const pkgDir = join(dirname(fileURLToPath(import.meta.url)), '..');
export const repoDir = join(pkgDir, '..', '..');
export const scriptsDir = join(pkgDir, 'scripts');
export const fixturesDir = join(pkgDir, 'test', 'fixtures');
export const reproducersDir = join(pkgDir, 'reproducers');
export const hilCli = join(repoDir, 'packages', 'hil', 'dist', 'cli.js');

export interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  ms: number;
}

/** Runs `node [nodeArgs] script args`; kills it (SIGKILL) after `timeoutMs`. Never rejects on the exit status. */
export function runNode(
  script: string,
  args: string[] = [],
  options: { nodeArgs?: string[]; timeoutMs?: number; cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<ChildResult> {
  const t0 = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), script, ...args], {
      cwd: options.cwd ?? pkgDir,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr = (stderr + d).slice(-200_000)));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs ?? 120_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, timedOut, ms: Date.now() - t0 });
    });
  });
}

/** The last line of a child's stdout, parsed as JSON. */
export function lastJson<T = Record<string, unknown>>(stdout: string): T {
  const lines = stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]!) as T;
}

/** Median of a list of numbers. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
