import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { acquireBoardLock, BoardBusyError } from './board-lock.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hil-lock-'));
});

describe('board locks', () => {
  it('records the owner and releases', async () => {
    const lock = await acquireBoardLock('nucleo-1', { dir, run: 'r1' });
    const owner = JSON.parse(await readFile(lock.file, 'utf8'));
    expect(owner).toMatchObject({ pid: process.pid, run: 'r1' });
    await lock.release();
    const again = await acquireBoardLock('nucleo-1', { dir, run: 'r2' });
    expect(again.tookOverStale).toBeUndefined();
    await again.release();
  });

  it('never lets two runs share a board', async () => {
    const a = await acquireBoardLock('b', { dir, run: 'a' });
    const err = await acquireBoardLock('b', { dir, run: 'b', waitMs: 0 }).catch((e) => e);
    expect(err).toBeInstanceOf(BoardBusyError);
    expect(err.message).toMatch(new RegExp(`^b: locked by pid ${process.pid} on .* \\(run a, since `));
    // Other boards are independent.
    const c = await acquireBoardLock('c', { dir, run: 'b' });
    await Promise.all([a.release(), c.release()]);
  });

  it('waits for a busy board to be released', async () => {
    const a = await acquireBoardLock('b', { dir, run: 'a' });
    const waiting = acquireBoardLock('b', { dir, run: 'b', waitMs: 5_000, pollMs: 10 });
    setTimeout(() => void a.release(), 50);
    const b = await waiting;
    expect(JSON.parse(await readFile(b.file, 'utf8')).run).toBe('b');
    await b.release();
  });

  it('takes over a stale lock (dead pid, or a half-written file)', async () => {
    await writeFile(join(dir, 'b.lock'), JSON.stringify({ pid: 999_999_999, host: 'h', run: 'old', since: 'x' }));
    const lock = await acquireBoardLock('b', { dir, run: 'new', host: 'h', isAlive: () => false });
    expect(lock.tookOverStale).toMatchObject({ pid: 999_999_999, run: 'old' });
    await lock.release();
    await writeFile(join(dir, 'b.lock'), '{"pi');
    const l2 = await acquireBoardLock('b', { dir, run: 'new' });
    expect(l2.tookOverStale).toBeDefined();
    await l2.release();
  });

  it('does not take over a live lock from another host, nor release a lock it lost', async () => {
    await writeFile(join(dir, 'b.lock'), JSON.stringify({ pid: 1, host: 'other-host', run: 'x', since: 'x' }));
    await expect(acquireBoardLock('b', { dir, run: 'me', isAlive: () => false })).rejects.toBeInstanceOf(BoardBusyError);
    const mine = await acquireBoardLock('c', { dir, run: 'me' });
    await writeFile(mine.file, JSON.stringify({ pid: 2, host: 'other-host', run: 'y', since: 'y' }));
    await mine.release();
    expect(JSON.parse(await readFile(mine.file, 'utf8')).run).toBe('y');
  });
});
