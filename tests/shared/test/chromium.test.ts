// The wasm-chromium target: runtime-wasm's browser bundle in real headless
// Chromium, with runtime.ts's transcript logic running in the page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileCached } from '../src/compile.js';
import { encodeValue, snapshotLine, type PlainValue, type Step } from '../src/format.js';
import { TargetInfrastructureError, type Target } from '../src/target.js';
import { buildSuiteHost } from '../src/targets/c-host-build.js';
import { cHostTarget } from '../src/targets/c-host.js';
import { chromiumTarget, chromiumUnavailable, type ChromiumTarget } from '../src/targets/chromium.js';
import { runCli, summaryLine } from './helpers.js';

const unavailable = await chromiumUnavailable();

describe.skipIf(unavailable !== undefined)('in headless Chromium', () => {
  let chromium: ChromiumTarget;
  let cHost: Target;
  beforeAll(async () => {
    chromium = await chromiumTarget({ timeoutMs: 5_000 });
    cHost = cHostTarget({ binary: buildSuiteHost() });
  });
  afterAll(async () => {
    await chromium?.close();
  });

  const echoGuest = `
const print = vmImport(1);
const echo = vmImport(2);
let kept = null;
vmExport(0, (a, b, c, d, e, f, g, h) => { kept = [a, b, c, d, e, f, g, h]; print(a, b, d); return echo(kept); });
vmExport(1, () => kept);
`;
  const awkward: PlainValue[] = [NaN, -0, Infinity, undefined, null, 'é\n\u0001"\\', [1, [-0, -Infinity]], { a: -0, 'k"ey': 'q', b: [] }];
  const steps: Step[] = [{ kind: 'call', exportId: 0, args: awkward }, { kind: 'snapshot' }, { kind: 'call', exportId: 1, args: [] }];

  it('runs the page in the real browser', async () => {
    const snapshot = compileCached('chromium/echo', echoGuest);
    await chromium.run(snapshot, [{ kind: 'call', exportId: 1, args: [] }]);
    expect(chromium.userAgent).toMatch(/HeadlessChrome\/\d+/);
  });

  it('passes awkward arguments and bytes through the page unchanged (the same transcript and capture as c-host)', async () => {
    const snapshot = compileCached('chromium/echo', echoGuest);
    const inPage = await chromium.run(snapshot, steps);
    const native = await cHost.run(snapshot, steps);
    const value = encodeValue(awkward);
    expect(value).toBe('[NaN,-0,Infinity,undefined,null,"é\\n\\u0001\\"\\\\",[1,[-0,-Infinity]],{"a":-0,"k\\"ey":"q","b":[]}]');
    expect(inPage.transcript).toEqual(['print NaN 0 undefined', `return ${value}`, snapshotLine(inPage.snapshots[0]!), `return ${value}`]);
    expect(inPage.transcript).toEqual(native.transcript);
    expect(inPage.snapshots.length).toBe(1);
    expect(Buffer.from(inPage.snapshots[0]!).equals(Buffer.from(native.snapshots[0]!))).toBe(true);
    // A capture from the page restores on c-host and the other way round.
    const tail: Step[] = [{ kind: 'call', exportId: 1, args: [] }];
    expect((await cHost.run(inPage.snapshots[0]!, tail)).transcript).toEqual([`return ${value}`]);
    expect((await chromium.run(native.snapshots[0]!, tail)).transcript).toEqual([`return ${value}`]);
  });

  it('gives up on a scenario that never answers, then runs the next one on a fresh page', async () => {
    const loop = compileCached('chromium/loop', 'vmExport(0, () => { let i = 0; while (true) { i++; } });\nvmExport(1, () => 7);');
    const started = Date.now();
    const error = await chromium.run(loop, [{ kind: 'call', exportId: 0, args: [] }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TargetInfrastructureError);
    expect((error as Error).message).toBe('wasm-chromium: no answer within 5000 ms');
    expect(Date.now() - started).toBeLessThan(20_000);
    const next = await chromium.run(loop, [{ kind: 'call', exportId: 1, args: [] }]);
    expect(next.transcript).toEqual(['return 7']);
  });

  it('reports a snapshot the runtime cannot restore as an infrastructure error', async () => {
    const error = await chromium.run(new Uint8Array([1, 2, 3, 4]), [{ kind: 'call', exportId: 0, args: [] }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TargetInfrastructureError);
    expect((error as Error).message).toMatch(/^wasm-chromium: cannot restore the snapshot: /);
  });

  it('is in the CLI run by default', async () => {
    const run = await runCli(['--filter', 'float/add-point']);
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).not.toContain('skipped');
    expect(summaryLine(run.stdout)).toMatch(/^1 cases on \d target\(s\) \[c-host, [^\]]*wasm-chromium\]: 1 identical, 0 with differences, 0 with errors/);
  });
});

describe('without Chromium', () => {
  const env = { MVTK_CHROMIUM: '/nonexistent/chromium' };

  it('the CLI reports wasm-chromium as skipped, with the reason, and runs the rest', async () => {
    const run = await runCli(['--filter', 'float/add-point'], env);
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('target wasm-chromium skipped: no Chromium at /nonexistent/chromium (apt install chromium, or set MVTK_CHROMIUM)');
    expect(summaryLine(run.stdout)).toMatch(/^1 cases on \d target\(s\) \[(?!.*wasm-chromium)[^\]]*\]: 1 identical/);
  });

  it('asking for it by name is an error (status 2)', async () => {
    const run = await runCli(['--filter', 'float/add-point', '--targets', 'wasm-chromium'], env);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('cannot open targets: target wasm-chromium is unavailable: no Chromium at /nonexistent/chromium');
  });
});
