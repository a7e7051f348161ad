/**
 * Soak: thousands of VMs restored, exercised (calls, objects in, proxies
 * out, classes, Uint8Arrays, awaits), snapshotted, restored again and
 * disposed, one in eight run out of heap, for 20 s per runtime (both at once,
 * in child processes with --expose-gc: scripts/soak.mjs; longer runs are the
 * same script with --seconds). Samples every 500 ms after gc(): the trend
 * must be flat: the last quarter's medians against the first quarter's
 * (after a 3 s warm-up).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lastJson, runNode, scriptsDir } from './helpers.js';

const SECONDS = 20;
const MB = 1024 * 1024;
type Quarter = { rss: number; heapUsed: number; external: number; arrayBuffers: number; handles: number; liveVms?: number; liveRegions?: number };
interface Soak {
  runtime: string;
  vms: number;
  cycles: number;
  vmsPerSecond: number;
  steadySamples: number;
  firstQuarter: Quarter;
  lastQuarter: Quarter;
  max: Quarter;
}

describe('soak', () => {
  it(`restores, exercises, snapshots and disposes thousands of VMs for ${SECONDS} s on each runtime with RSS, V8 heap and handle counts flat`, async () => {
    const runs = await Promise.all(
      (['wasm', 'native'] as const).map((runtime) =>
        runNode(join(scriptsDir, 'soak.mjs'), ['--runtime', runtime, '--seconds', String(SECONDS), '--json'], { nodeArgs: ['--expose-gc'], timeoutMs: (SECONDS + 60) * 1000 }),
      ),
    );
    for (const r of runs) {
      expect(r.timedOut).toBe(false);
      expect(r.code, r.stderr.slice(-3000)).toBe(0);
      const s = lastJson<Soak>(r.stdout);
      console.log(r.stderr.trim().split('\n').pop());
      expect(s.vms, s.runtime).toBeGreaterThan(2_000);
      expect(s.steadySamples).toBeGreaterThanOrEqual(12);
      const { firstQuarter: a, lastQuarter: b } = s;
      expect(b.rss, `${s.runtime} RSS`).toBeLessThanOrEqual(a.rss * 1.1 + 8 * MB);
      expect(b.heapUsed, `${s.runtime} V8 heap`).toBeLessThanOrEqual(a.heapUsed + 4 * MB);
      expect(b.external + b.arrayBuffers, `${s.runtime} external`).toBeLessThanOrEqual(a.external + a.arrayBuffers + 4 * MB);
      expect(b.handles, `${s.runtime} liveHandleCount`).toBeLessThanOrEqual(a.handles + 5);
      expect(s.max.handles).toBeLessThan(200);
      if (s.runtime === 'native') {
        // The long-lived VM only: every other VM is gone by each sample.
        expect([a.liveVms, b.liveVms, s.max.liveVms]).toEqual([1, 1, 1]);
        expect([a.liveRegions, b.liveRegions, s.max.liveRegions]).toEqual([1, 1, 1]);
      }
    }
  }, (SECONDS + 90) * 1000);
});
