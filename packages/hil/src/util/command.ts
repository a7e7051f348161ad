/**
 * Runs an external command with a timeout, keeping its combined output (for
 * reports) and optionally teeing it to a log file. On timeout the whole
 * process group is killed, so `pio` cannot leave an uploader behind.
 */
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface CommandResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
  timedOut: boolean;
  durationMs: number;
}

export interface CommandOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs: number;
  logFile?: string;
  signal?: AbortSignal;
}

export type RunCommand = (cmd: string, args: readonly string[], opts: CommandOptions) => Promise<CommandResult>;

export const runCommand: RunCommand = async (cmd, args, opts) => {
  if (opts.logFile) await mkdir(dirname(opts.logFile), { recursive: true });
  const log = opts.logFile ? createWriteStream(opts.logFile, { flags: 'a' }) : undefined;
  log?.write(`$ ${[cmd, ...args].join(' ')}\n`);
  const started = Date.now();
  return new Promise<CommandResult>((resolve) => {
    const chunks: Buffer[] = [];
    let timedOut = false;
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const kill = () => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, opts.timeoutMs);
    const onAbort = () => kill();
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    const onData = (b: Buffer) => {
      chunks.push(b);
      log?.write(b);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    let done = false;
    const finish = (code: number | null, signal: NodeJS.Signals | null, extra = '') => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      const output = Buffer.concat(chunks).toString('utf8') + extra;
      const tail = timedOut ? `\n[hil] killed after ${opts.timeoutMs} ms\n` : '';
      log?.end(`${extra}${tail}[hil] exit ${code ?? signal}\n`);
      resolve({ code, signal, output: output + tail, timedOut, durationMs: Date.now() - started });
    };
    child.on('error', (e) => finish(null, null, `[hil] cannot start ${cmd}: ${e.message}\n`));
    child.on('close', (code, signal) => finish(code, signal));
  });
};
