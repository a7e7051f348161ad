/**
 * Reproducer (issue 9) of a crash found by src/run/qemu-kill.test.ts: when
 * a QEMU board dies (killed, crashed) and the harness tears it down before
 * Node has processed the exit, QemuInstance.stop() writes `quit` to the dead
 * process's stdin; the write fails with EPIPE and, with no 'error' listener
 * on that pipe, the error event kills the whole `hil` process (exit 1, no
 * reports). Here the race is forced: QEMU is killed and this thread is kept
 * busy for 300 ms, so Node has not seen the exit when stop() runs.
 */
import { describe, expect, it } from 'vitest';
import { descendants } from '../util/testing-processes.js';
import { launchQemu, qemuMachines } from './qemu.js';

/** QEMU processes started by this process. */
function qemuPidsUnder(root: number): number[] {
  return descendants(root)
    .filter((p) => p.cmd.includes('qemu-system-arm'))
    .map((p) => p.pid);
}

describe('QEMU launcher', () => {
  it('stop() of a QEMU that died before Node saw its exit does not throw an unhandled EPIPE', async () => {
    const before = new Set(qemuPidsUnder(process.pid));
    const q = await launchQemu({ machine: qemuMachines['mps2-an385'] });
    const pid = qemuPidsUnder(process.pid).find((p) => !before.has(p));
    expect(pid).toBeDefined();
    const errors: unknown[] = [];
    const onError = (e: unknown) => errors.push(e);
    process.on('uncaughtException', onError);
    try {
      process.kill(pid!, 'SIGKILL');
      // The process is gone, but this thread does not get to see its exit yet.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300);
      await q.stop();
      await new Promise((r) => setTimeout(r, 300));
    } finally {
      process.off('uncaughtException', onError);
    }
    expect(errors.map((e) => String(e))).toEqual([]);
  }, 30_000);
});
