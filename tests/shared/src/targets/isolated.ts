/**
 * A runtime target run in a child process (src/target-worker.ts): if the
 * engine crashes the process, that run fails with a clear message and the
 * next run starts a fresh process.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Step } from '../format.js';
import { packageDir } from '../paths.js';
import { TargetInfrastructureError, type RunResult, type Target } from '../target.js';

export const workerScript = join(packageDir, 'dist', 'target-worker.js');

/** Thrown when the target's process died during a run: a finding about the target, not the infrastructure. */
export class TargetCrashedError extends Error {
  override name = 'TargetCrashedError';
  readonly code = 'MVTK_TARGET_CRASHED';
}

interface Pending {
  resolve(result: RunResult): void;
  reject(error: Error): void;
}

export function isolatedRuntimeTarget(name: string, options: { timeoutMs?: number } = {}): Target {
  let child: ChildProcess | undefined;
  let ready: Promise<void> | undefined;
  let nextId = 1;
  const pending = new Map<number, Pending>();

  const start = (): Promise<void> => {
    if (!existsSync(workerScript)) {
      return Promise.reject(new TargetInfrastructureError(name, `${workerScript} is missing: build the package first`));
    }
    const proc = fork(workerScript, [name], { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child = proc;
    return new Promise<void>((resolve, reject) => {
      proc.once('message', (m: { ready: boolean; error?: string }) => {
        if (m.ready) resolve();
        else reject(new TargetInfrastructureError(name, `cannot load the runtime: ${m.error}`));
      });
      proc.on('message', (m: { id?: number; result?: RunResult; error?: string; infrastructure?: boolean }) => {
        if (m.id === undefined) return;
        const p = pending.get(m.id);
        if (!p) return;
        pending.delete(m.id);
        if (m.result) p.resolve(m.result);
        else p.reject(m.infrastructure ? new TargetInfrastructureError(name, m.error ?? '') : new Error(m.error));
      });
      proc.once('exit', (code, signal) => {
        if (child === proc) {
          child = undefined;
          ready = undefined;
        }
        const why = signal ? `signal ${signal}` : `exit status ${code}`;
        reject(new TargetInfrastructureError(name, `the runtime process ended before it was ready (${why})`));
        for (const [id, p] of pending) {
          pending.delete(id);
          p.reject(new TargetCrashedError(`${name}: the runtime process crashed (${why}) while running the scenario`));
        }
      });
    });
  };

  return {
    name,
    async run(snapshot: Uint8Array, steps: readonly Step[]): Promise<RunResult> {
      ready ??= start();
      await ready;
      const id = nextId++;
      return new Promise<RunResult>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          child?.kill('SIGKILL');
          reject(new TargetInfrastructureError(name, `no answer within ${options.timeoutMs ?? 60_000} ms`));
        }, options.timeoutMs ?? 60_000);
        pending.set(id, {
          resolve: (r) => {
            clearTimeout(timer);
            resolve({ transcript: r.transcript, snapshots: r.snapshots.map((s) => new Uint8Array(s)) });
          },
          reject: (e) => {
            clearTimeout(timer);
            reject(e);
          },
        });
        child!.send({ id, snapshot, steps: [...steps] });
      });
    },
    async close() {
      const c = child;
      child = undefined;
      ready = undefined;
      if (c && c.exitCode === null) {
        await new Promise<void>((resolve) => {
          c.once('exit', () => resolve());
          c.disconnect();
        });
      }
    },
  };
}
