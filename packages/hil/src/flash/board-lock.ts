/**
 * Per-board locks, so two runs never share a board. A lock is a file
 * `<dir>/<board>.lock` created exclusively, holding the owner's pid, host and
 * run id. A lock whose pid is gone on this host is stale and is taken over.
 */
import { hostname } from 'node:os';
import { mkdir, open, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';

export interface LockOwner {
  pid: number;
  host: string;
  run: string;
  since: string;
}

export class BoardBusyError extends Error {
  override name = 'BoardBusyError';
  readonly code = 'MVTK_HIL_BOARD_BUSY';
  constructor(
    readonly board: string,
    readonly owner: LockOwner | undefined,
    waitedMs: number,
  ) {
    super(
      `${board}: locked by ${owner ? `pid ${owner.pid} on ${owner.host} (run ${owner.run}, since ${owner.since})` : 'another run'}; gave up after ${waitedMs} ms`,
    );
  }
}

export interface BoardLock {
  readonly board: string;
  readonly file: string;
  /** Whether a stale lock was taken over. */
  readonly tookOverStale: LockOwner | undefined;
  release(): Promise<void>;
}

export interface LockOptions {
  dir: string;
  run: string;
  /** How long to wait for a busy board; 0 fails at once. */
  waitMs?: number;
  pollMs?: number;
  /** Whether `pid` is alive on this host (injectable for tests). */
  isAlive?: (pid: number) => boolean;
  pid?: number;
  host?: string;
}

export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readOwner(file: string): Promise<LockOwner | undefined> {
  try {
    const o = JSON.parse(await readFile(file, 'utf8'));
    return typeof o?.pid === 'number' ? o : undefined;
  } catch {
    return undefined;
  }
}

export async function acquireBoardLock(board: string, opts: LockOptions): Promise<BoardLock> {
  const isAlive = opts.isAlive ?? pidAlive;
  const me: LockOwner = { pid: opts.pid ?? process.pid, host: opts.host ?? hostname(), run: opts.run, since: new Date().toISOString() };
  const file = join(opts.dir, `${board}.lock`);
  await mkdir(opts.dir, { recursive: true });
  const started = Date.now();
  const waitMs = opts.waitMs ?? 0;
  let tookOverStale: LockOwner | undefined;
  for (;;) {
    try {
      const fh = await open(file, 'wx');
      await fh.writeFile(JSON.stringify(me));
      await fh.close();
      let released = false;
      return {
        board,
        file,
        tookOverStale,
        async release() {
          if (released) return;
          released = true;
          const owner = await readOwner(file);
          // Never remove a lock someone else took over.
          if (owner && owner.pid === me.pid && owner.host === me.host && owner.run === me.run) await unlink(file);
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = await readOwner(file);
    // Stale: unreadable (a crash mid-write) or a dead pid on this host.
    if (!owner || (owner.host === me.host && !isAlive(owner.pid))) {
      tookOverStale = owner ?? { pid: -1, host: '?', run: '?', since: '?' };
      await unlink(file).catch((e: NodeJS.ErrnoException) => {
        if (e.code !== 'ENOENT') throw e;
      });
      continue;
    }
    if (Date.now() - started >= waitMs) throw new BoardBusyError(board, owner, Date.now() - started);
    await new Promise((r) => setTimeout(r, opts.pollMs ?? 500));
  }
}
