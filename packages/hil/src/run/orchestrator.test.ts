import { TargetInfrastructureError, type Step, type Target } from '@mvtk/shared-suite';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../report/results.js';
import { runSuite, withTimeout, type ProgressEvent, type SuiteCase, type TargetProvider } from './orchestrator.js';
import { ProgressRenderer } from './progress.js';

const suite: SuiteCase[] = ['a/one', 'a/two', 'b/three'].map((id) => ({
  id,
  description: id,
  tags: [],
  snapshot: new TextEncoder().encode(id),
  steps: [] as Step[],
  expected: [`ran ${id}`],
}));

function target(name: string, behave: (id: string, n: number) => string[] | Promise<string[]> = (id) => [`ran ${id}`], log: string[] = []): Target {
  let n = 0;
  return {
    name,
    async run(snapshot) {
      return { transcript: await behave(new TextDecoder().decode(snapshot), ++n), snapshots: [] };
    },
    async close() {
      log.push(`close ${name}`);
    },
  };
}

const provider = (t: Target, extra: Partial<TargetProvider> = {}): TargetProvider => ({ name: t.name, kind: 'host', prepare: async () => ({ target: t }), ...extra });

describe('runSuite', () => {
  it('all identical → exit 0; a difference → exit 1 with the transcript kept', async () => {
    const ok = await runSuite({ cases: suite, providers: [provider(target('x')), provider(target('y'))] });
    expect(ok.summary).toMatchObject({ pass: 6, fail: 0, exitCode: EXIT.IDENTICAL });
    const diff = await runSuite({ cases: suite, providers: [provider(target('x')), provider(target('y', (id) => (id === 'a/two' ? ['ran a/2'] : [`ran ${id}`])))] });
    expect(diff.summary.exitCode).toBe(EXIT.DIFFERENCES);
    expect(diff.outcomes.find((o) => o.verdict === 'fail')).toMatchObject({ caseId: 'a/two', target: 'y', transcript: ['ran a/2'], expected: ['ran a/two'], attempts: 1 });
  });

  it('runs targets in parallel up to `jobs`', async () => {
    let running = 0;
    let peak = 0;
    const slow = (name: string) =>
      target(name, async (id) => {
        peak = Math.max(peak, ++running);
        await new Promise((r) => setTimeout(r, 5));
        running--;
        return [`ran ${id}`];
      });
    await runSuite({ cases: suite, providers: ['p', 'q', 'r', 's'].map((n) => provider(slow(n))), jobs: 2 });
    expect(peak).toBe(2);
  });

  it('a failed setup marks the target broken (infrastructure) and tears down nothing it did not set up', async () => {
    const r = await runSuite({
      cases: suite,
      providers: [{ name: 'board', kind: 'board', prepare: async () => Promise.reject(new Error('flash failed: pio exit 1')) }, provider(target('x'))],
    });
    expect(r.outcomes.filter((o) => o.target === 'board').map((o) => o.verdict)).toEqual(['infra', 'infra', 'infra']);
    expect(r.targets[0]!.broken).toBe('setup failed: Error: flash failed: pio exit 1');
    expect(r.summary.exitCode).toBe(EXIT.INFRASTRUCTURE);
    expect(r.outcomes.filter((o) => o.target === 'x').every((o) => o.verdict === 'pass')).toBe(true);
  });

  it('retries transport errors, and a non-infrastructure throw is never a pass', async () => {
    const flaky = target('f', (id, n) => {
      if (n === 1) throw new TargetInfrastructureError('f', 'garbled frame');
      if (id === 'b/three') throw new Error('a harness bug');
      return [`ran ${id}`];
    });
    let resyncs = 0;
    const r = await runSuite({ cases: suite, providers: [provider(Object.assign(flaky, { resync: async () => void resyncs++ }))], retries: 1, brokenAfter: 5 });
    expect(r.outcomes.map((o) => [o.verdict, o.attempts])).toEqual([
      ['pass', 2],
      ['pass', 1],
      ['infra', 2],
    ]);
    expect(r.outcomes[2]!.error).toBe('Error: a harness bug');
    expect(resyncs).toBe(3);
  });

  it('tears down in reverse and reports teardown errors instead of swallowing them', async () => {
    const log: string[] = [];
    const t = target('x', undefined, log);
    const r = await runSuite({
      cases: suite,
      providers: [
        provider(t, {
          prepare: async () => ({
            target: t,
            teardown: async () => {
              log.push('release lock');
              throw new Error('lock file vanished');
            },
          }),
        }),
      ],
    });
    expect(log).toEqual(['close x', 'release lock']);
    expect(r.targets[0]!.broken).toBe('teardown failed: Error: lock file vanished');
    expect(r.summary.exitCode).toBe(EXIT.INFRASTRUCTURE);
  });

  it('SIGINT (abort): running cases finish, the rest are skipped, results are still returned', async () => {
    const ac = new AbortController();
    const t = target('x', (id) => {
      if (id === 'a/two') ac.abort();
      return [`ran ${id}`];
    });
    const r = await runSuite({ cases: suite, providers: [provider(t)], signal: ac.signal });
    expect(r.interrupted).toBe(true);
    expect(r.outcomes.map((o) => o.verdict)).toEqual(['pass', 'pass', 'skip']);
    expect(r.summary.exitCode).toBe(EXIT.INFRASTRUCTURE);
  });

  it('without an expected transcript, targets are compared with the first one', async () => {
    const open = suite.map(({ expected: _e, ...c }) => c);
    const r = await runSuite({ cases: open, providers: [provider(target('ref', () => ['same'])), provider(target('other', (id) => [id === 'a/one' ? 'other' : 'same']))] });
    expect(r.outcomes.filter((o) => o.verdict === 'fail').map((o) => [o.caseId, o.target, o.expected])).toEqual([['a/one', 'other', ['same']]]);
  });

  it('reruns failing cases to find flaky ones and marks quarantined cases', async () => {
    const t = target('x', (id, n) => (id === 'a/one' && n === 1 ? ['glitch'] : id === 'b/three' ? ['wrong'] : [`ran ${id}`]));
    const r = await runSuite({ cases: suite, providers: [provider(t)], rerunFailures: 1, quarantine: (id) => id === 'b/three' });
    expect(r.outcomes[0]).toMatchObject({ verdict: 'fail', flaky: true, reruns: ['pass'] });
    expect(r.outcomes[2]).toMatchObject({ verdict: 'fail', quarantined: true, reruns: ['fail'] });
    expect(r.outcomes[2]!.flaky).toBeUndefined();
    expect(r.summary).toMatchObject({ fail: 1, quarantined: 1, flaky: 1 });
  });

  it('a case that does not compile is an infrastructure failure everywhere', async () => {
    const cases = [{ ...suite[0]!, compileError: 'does not compile: SyntaxError' }, suite[1]!];
    const r = await runSuite({ cases, providers: [provider(target('x'))] });
    expect(r.outcomes.map((o) => o.verdict)).toEqual(['infra', 'pass']);
    expect(r.targets[0]!.broken).toBeUndefined();
  });

  it('withTimeout rejects with an infrastructure error and ignores a late rejection', async () => {
    const never = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('late')), 30));
    await expect(withTimeout(never, 5, 'b', 'case x')).rejects.toThrow('b: case x: no answer within 5 ms');
    await new Promise((r) => setTimeout(r, 40)); // no unhandled rejection
  });
});

describe('progress', () => {
  it('prints plain lines when not a TTY', async () => {
    let out = '';
    const events: ProgressEvent[] = [];
    const p = new ProgressRenderer({ write: (s: string) => (out += s), isTTY: false }, ['x', 'y'], 3);
    await runSuite({
      cases: suite,
      providers: [provider(target('x')), provider(target('y', (id) => [id === 'a/two' ? 'no' : `ran ${id}`]))],
      onProgress: (e) => (events.push(e), p.handle(e)),
    });
    p.stop();
    expect(out).toContain('y: a/two DIFFERENT\n');
    expect(out).toMatch(/y: done case 3\/3 {2}pass 2 {2}fail 1 {2}infra 0 {2}skip 0/);
    expect(out).not.toContain('\x1b[');
    expect(events.filter((e) => e.type === 'case-done')).toHaveLength(6);
  });

  it('redraws in place on a TTY', () => {
    let out = '';
    const p = new ProgressRenderer({ write: (s: string) => (out += s), isTTY: true, columns: 80 }, ['x'], 2, { live: true });
    p.handle({ type: 'target-ready', target: 'x', setupMs: 1 });
    p.handle({ type: 'case-done', target: 'x', index: 0, total: 2, outcome: { caseId: 'c', target: 'x', verdict: 'pass', durationMs: 1, attempts: 1 } });
    p.stop();
    expect(out).toContain('\x1b[1A\x1b[J');
    expect(out).toMatch(/x {2}running {2}case 1\/2 {2}pass 1/);
  });
});
