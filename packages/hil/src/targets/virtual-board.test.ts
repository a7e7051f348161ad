/**
 * Failure paths through the fault-injecting transport, against the real
 * agent client (src/agent) and a virtual board that serves the agent
 * protocol: dropped, duplicated and corrupted bytes, a board reset mid-case,
 * a board that never answers, a stall, a port that disappears and returns.
 * Whatever happens, a case ends within its timeouts and gets either the right
 * verdict or an infrastructure failure: never a false pass, never a false
 * difference.
 */
import { encodeValue, snapshotLine, type Step, type Target } from '@mvtk/shared-suite';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runSuite, type SuiteCase, type TargetProvider } from '../run/orchestrator.js';
import { EXIT } from '../report/results.js';
import { createVirtualBoard, type VirtualBoardRig } from './virtual-board.js';
import { parseCanonical } from './agent-board.js';
import { encodeArgs } from '../agent/client.js';

/** A deterministic engine: a call returns its arguments; `lieOn` makes one case's first call return something else. */
function fakeEngine(opts: { lieOn?: string } = {}): Target {
  return {
    name: 'fake',
    async run(snapshot: Uint8Array, steps: readonly Step[]) {
      const id = new TextDecoder().decode(snapshot);
      const transcript: string[] = [];
      const snapshots: Uint8Array[] = [];
      steps.forEach((s, i) => {
        if (s.kind === 'call') transcript.push(`return ${opts.lieOn === id && i === 0 ? '"lie"' : encodeValue(s.args)}`);
        if (s.kind === 'heap') transcript.push('heap 128');
        if (s.kind === 'snapshot') {
          const snap = new TextEncoder().encode(`${id} @${i} `.repeat(60)); // > 1 SDATA line
          transcript.push(snapshotLine(snap));
          snapshots.push(snap);
        }
      });
      return { transcript, snapshots };
    },
    async close() {},
  };
}

const weird = [Number.NaN, -0, undefined, 'a\nb "q" \\ é 😀', [1, [2, { k: null }]], -Infinity];
function cases(n: number): SuiteCase[] {
  return Array.from({ length: n }, (_, i) => {
    const id = `g/c${String(i).padStart(2, '0')}`;
    const steps: Step[] = [{ kind: 'call', exportId: 0, args: [i, ...weird] }, { kind: 'gc' }, { kind: 'call', exportId: 1, args: [{ i }] }, { kind: 'heap' }];
    return {
      id,
      description: `case ${i}`,
      tags: [],
      snapshot: new TextEncoder().encode(id.repeat(40)).subarray(0, 5 * 40).map((b, k) => (k < 5 ? b : 32)),
      steps,
      expected: [`return ${encodeValue([i, ...weird])}`, `return ${encodeValue([{ i }])}`, 'heap 128'],
    };
  }).map((c) => ({ ...c, snapshot: new TextEncoder().encode(c.id) }));
}

let rigs: VirtualBoardRig[] = [];
function provider(rig: VirtualBoardRig, caseTimeoutMs = 10_000, resyncTimeoutMs = 15_000): TargetProvider {
  rigs.push(rig);
  return { name: rig.target.name, kind: 'virtual', caseTimeoutMs, resyncTimeoutMs, prepare: async () => ({ target: rig.target }) };
}
afterEach(async () => {
  for (const r of rigs) await r.board.close();
  rigs = [];
  vi.useRealTimers();
});

describe('virtual board (agent protocol) over a clean link', () => {
  it('gives the engine’s transcripts and snapshots through the real agent client', async () => {
    const engine = fakeEngine();
    const rig = createVirtualBoard(engine);
    rigs.push(rig);
    const steps: Step[] = [{ kind: 'call', exportId: 0, args: weird }, { kind: 'snapshot' }, { kind: 'call', exportId: 2, args: ['x'] }, { kind: 'heap' }];
    const snapshot = new TextEncoder().encode('s/one'.repeat(300)); // several CHUNKs
    const direct = await engine.run(snapshot, steps);
    const viaBoard = await rig.target.run(snapshot, steps);
    expect(viaBoard).toEqual(direct);
    expect(rig.log.filter((l) => l.startsWith('> ') && l.includes(' CHUNK ')).length).toBeGreaterThan(1);
    // The same image again is not uploaded (LOAD → OK have).
    await rig.target.run(snapshot, steps);
    expect(rig.target.board.client.counters.uploadsSkipped).toBe(1);
  });

  it('parses the canonical argument encoding the client sends', () => {
    const args = [Number.NaN, -0, undefined, null, true, 'q"\\\n😀', [1, [2]], { a: { b: [] } }, -Infinity, 1e21, 5e-324];
    const back = parseCanonical(encodeArgs(args as never)) as unknown[];
    expect(back).toEqual(args);
    expect(Object.is(back[1], -0)).toBe(true);
    expect(() => parseCanonical('[1,')).toThrow(SyntaxError);
  });
});

describe('fault injection', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });

  /** Runs the suite under fake timers; returns the results and the fake time it took. */
  async function run(providers: TargetProvider[], suite: SuiteCase[], extra: { retries?: number; brokenAfter?: number } = {}) {
    const t0 = Date.now();
    const done = runSuite({ cases: suite, providers, retries: extra.retries ?? 4, brokenAfter: extra.brokenAfter ?? 3 });
    let finished = false;
    done.finally(() => (finished = true)).catch(() => undefined);
    while (!finished) await vi.advanceTimersByTimeAsync(50);
    return { results: await done, elapsedMs: Date.now() - t0 };
  }

  it('dropped, duplicated and corrupted bytes: never a false pass or a false difference', async () => {
    const faults = { drop: 0.0005, duplicate: 0.0003, corrupt: 0.0005 };
    const honest = createVirtualBoard(fakeEngine(), { name: 'honest', faults: { ...faults, seed: 42 } });
    const liar = createVirtualBoard(fakeEngine({ lieOn: 'g/c03' }), { name: 'liar', faults: { ...faults, seed: 7 } });
    const { results } = await run([provider(honest), provider(liar)], cases(12));

    const stats = honest.faults.stats;
    expect(stats.dropped + stats.corrupted + stats.duplicated).toBeGreaterThan(3); // faults really happened
    const c = honest.target.board.client.counters;
    expect(c.naks + c.noiseLines).toBeGreaterThan(0); // and were detected
    for (const o of results.outcomes) {
      const lying = o.target === 'liar' && o.caseId === 'g/c03';
      expect(o.verdict, `${o.caseId} on ${o.target}: ${o.error}`).toBeOneOf(lying ? ['fail', 'infra'] : ['pass', 'infra']);
      if (o.verdict === 'pass') expect(o.transcript).toEqual(o.expected);
    }
    // Retries recover most cases, and the real difference is found.
    expect(results.outcomes.filter((o) => o.verdict === 'pass').length).toBeGreaterThanOrEqual(20);
    expect(results.outcomes.find((o) => o.target === 'liar' && o.caseId === 'g/c03')).toMatchObject({ verdict: 'fail', transcript: expect.arrayContaining(['return "lie"']) });
  });

  it('heavy corruption ends in infrastructure failures within the timeouts, not in a hang', async () => {
    const rig = createVirtualBoard(fakeEngine(), { faults: { corrupt: 0.05, seed: 3 }, resync: { resyncTimeoutMs: 2_000 } });
    const { results, elapsedMs } = await run([provider(rig, 3_000, 4_000)], cases(5), { retries: 1, brokenAfter: 2 });
    const verdicts = results.outcomes.map((o) => o.verdict);
    expect(verdicts).not.toContain('pass');
    expect(verdicts).not.toContain('fail');
    expect(results.summary.exitCode).toBe(EXIT.INFRASTRUCTURE);
    expect(results.targets[0]!.broken).toBeDefined();
    // Bounded: ≤ 2 cases × 2 tries × (case timeout + resync timeout).
    expect(elapsedMs).toBeLessThanOrEqual(2 * 2 * (3_000 + 4_000) + 1_000);
  });

  it('a board reset mid-case is recovered and gives the right transcript', async () => {
    const rig = createVirtualBoard(fakeEngine(), { faults: { resetAfterBytes: 1_500 } });
    const { results } = await run([provider(rig)], cases(3));
    expect(rig.faults.stats.resets).toBe(1);
    expect(rig.log.some((l) => / READY /.test(l) && l.startsWith('< 0 '))).toBe(true);
    expect(results.outcomes.map((o) => o.verdict)).toEqual(['pass', 'pass', 'pass']);
    expect(results.summary.exitCode).toBe(EXIT.IDENTICAL);
  });

  it('a board that never answers: the case ends at its timeout, the board is marked broken, the rest skipped', async () => {
    const rig = createVirtualBoard(fakeEngine(), { board: { silent: true }, resync: { resyncTimeoutMs: 1_000 } });
    const { results, elapsedMs } = await run([provider(rig, 3_000, 5_000)], cases(6), { retries: 2, brokenAfter: 2 });
    expect(results.outcomes.map((o) => o.verdict)).toEqual(['infra', 'skip', 'skip', 'skip', 'skip', 'skip']);
    expect(results.outcomes[0]!.error).toMatch(/no ready banner[\s\S]*resync failed/);
    expect(results.targets[0]!.broken).toMatch(/^unresponsive: resync failed/);
    // connect timeout (2 s) + resync (1 s budget + one 2 s handshake) + slack
    expect(elapsedMs).toBeLessThan(2_000 + 1_000 + 2_000 + 1_000);
    expect(results.summary.exitCode).toBe(EXIT.INFRASTRUCTURE);
  });

  it('a stalled board that comes back recovers', async () => {
    const rig = createVirtualBoard(fakeEngine());
    rig.faults.stall();
    setTimeout(() => rig.faults.resume(), 2_500);
    const { results } = await run([provider(rig)], cases(2));
    expect(results.outcomes.map((o) => o.verdict)).toEqual(['pass', 'pass']);
    expect(results.outcomes[0]!.attempts).toBeGreaterThan(1);
  });

  it('a port that disappears mid-case and returns: reopened, case retried, right verdict', async () => {
    const rig = createVirtualBoard(fakeEngine(), { resync: { resyncTimeoutMs: 10_000 } });
    let chunks = 0;
    const off = rig.faults.onData(() => {
      if (++chunks < 6) return; // banner, LOAD, CHUNK, RESTORE answers, then mid-scenario
      off();
      rig.faults.disappear();
      setTimeout(() => rig.faults.reappear(), 3_000);
    });
    const { results } = await run([provider(rig)], cases(4));
    expect(rig.faults.stats.disconnects).toBe(1);
    expect(results.outcomes.map((o) => o.verdict)).toEqual(['pass', 'pass', 'pass', 'pass']);
    expect(results.outcomes[0]!.attempts).toBe(2);
    expect(rig.log.some((l) => /resync \d+ failed: .*(closed|disappeared)/.test(l))).toBe(true);
  });

  it('a port that never returns breaks only that board; other targets go on', async () => {
    const gone = createVirtualBoard(fakeEngine(), { name: 'gone', resync: { resyncTimeoutMs: 1_000 } });
    const fine = createVirtualBoard(fakeEngine(), { name: 'fine' });
    gone.faults.disappear();
    const { results } = await run([provider(gone), provider(fine)], cases(3));
    expect(results.outcomes.filter((o) => o.target === 'fine').map((o) => o.verdict)).toEqual(['pass', 'pass', 'pass']);
    expect(results.outcomes.filter((o) => o.target === 'gone').map((o) => o.verdict)).toEqual(['infra', 'skip', 'skip']);
    expect(results.outcomes[0]!.error).toMatch(/closed/);
    expect(results.targets.find((t) => t.name === 'gone')!.broken).toMatch(/resync failed/);
  });
});
