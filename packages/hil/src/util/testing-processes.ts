/**
 * Test helpers for the tests that run `hil` as a process and watch what it
 * starts (SIGINT, a QEMU killed mid-run, QEMU's own stop).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** Processes below `root` (by /proc/<pid>/stat parent links), with their command lines. */
export function descendants(root: number): { pid: number; cmd: string }[] {
  const parent = new Map<number, number>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      parent.set(Number(d), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone meanwhile
    }
  }
  const out: { pid: number; cmd: string }[] = [];
  for (const pid of parent.keys()) {
    for (let p = parent.get(pid); p !== undefined && p > 1; p = parent.get(p)) {
      if (p === root) {
        try {
          out.push({ pid, cmd: readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ') });
        } catch {
          // gone meanwhile
        }
        break;
      }
    }
  }
  return out;
}

export interface WatchedProcess {
  readonly child: ChildProcess;
  /** Everything it printed so far. */
  readonly stdout: () => string;
  readonly stderr: () => string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves once `pattern` appears on stdout; false if it did not within `timeoutMs` (or the process ended). */
  waitFor(pattern: RegExp, timeoutMs: number): Promise<boolean>;
}

/** Starts `node script args` with its output collected. */
export function startNode(script: string, args: string[]): WatchedProcess {
  const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    async waitFor(pattern, timeoutMs) {
      const t0 = Date.now();
      while (!pattern.test(stdout) && Date.now() - t0 < timeoutMs && child.exitCode === null) await new Promise((r) => setTimeout(r, 50));
      return pattern.test(stdout);
    },
  };
}
