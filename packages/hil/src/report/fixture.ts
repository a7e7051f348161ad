/** A small, fixed {@link RunResults} for report tests and the README's sample. */
import { summarize, RESULTS_SCHEMA_VERSION, type CaseOutcome, type RunResults, type TargetReport } from './results.js';

export function sampleResults(): RunResults {
  const cases = [
    { id: 'basic/add', description: 'integer addition', tags: ['int'], expected: ['return 3'] },
    { id: 'float/print', description: 'prints a double', tags: ['float'], expected: ['print 0.30000000000000004', 'return undefined'] },
    { id: 'float/tiny', description: 'denormal <b>& "quotes"', tags: ['float'], expected: ['print 5e-324', 'return undefined'] },
    { id: 'snapshot/roundtrip', description: 'snapshot and restore', tags: [], expected: ['snapshot 812 1a2b3c4d', 'return 42'] },
  ];
  const targets: TargetReport[] = [
    { name: 'runtime-wasm', kind: 'host', durationMs: 120, setupMs: 40, properties: { runtime: 'wasm' } },
    { name: 'runtime-node-native', kind: 'host', durationMs: 90, setupMs: 10, properties: {} },
    {
      name: 'qemu-mps2-an385',
      kind: 'board',
      boardKind: 'qemu-mps2-an385',
      port: '/dev/pts/7',
      firmware: { path: '/fw/an385.elf', sha256: 'ab'.repeat(32), fileBytes: 412_000, flashBytes: 54_912, ramBytes: 81_920, commit: '0123456789abcdef' },
      flash: { skipped: true, durationMs: 0 },
      logFile: '/out/logs/qemu-mps2-an385.log',
      logTail: 'mvagent ready v1\n<ctrl> 0x01 & done',
      durationMs: 2400,
      setupMs: 800,
      properties: { 'board.name': 'qemu-mps2-an385' },
    },
    { name: 'nucleo-f446re-1', kind: 'board', boardKind: 'nucleo-f446re', durationMs: 30_000, broken: 'unresponsive: 2 infrastructure failures in a row', properties: {} },
  ];
  const o = (caseId: string, target: string, verdict: CaseOutcome['verdict'], extra: Partial<CaseOutcome> = {}): CaseOutcome => {
    const expected = cases.find((c) => c.id === caseId)!.expected;
    return { caseId, target, verdict, expected, durationMs: 5, attempts: 1, ...(verdict === 'pass' ? { transcript: expected } : {}), ...extra };
  };
  const outcomes: CaseOutcome[] = [];
  for (const t of ['runtime-wasm', 'runtime-node-native']) for (const c of cases) outcomes.push(o(c.id, t, 'pass'));
  outcomes.push(
    o('basic/add', 'qemu-mps2-an385', 'pass'),
    o('float/print', 'qemu-mps2-an385', 'pass'),
    o('float/tiny', 'qemu-mps2-an385', 'fail', { transcript: ['print 4.94065645841247e-324', 'return undefined'], durationMs: 40 }),
    o('snapshot/roundtrip', 'qemu-mps2-an385', 'fail', { transcript: ['snapshot 812 1a2b3c4d', 'return 41'], quarantined: true, flaky: true, reruns: ['pass'] }),
    o('basic/add', 'nucleo-f446re-1', 'infra', { error: 'CaseTimeoutError: nucleo-f446re-1: case basic/add: no answer within 20000 ms', durationMs: 20_000, attempts: 3 }),
    o('float/print', 'nucleo-f446re-1', 'infra', { error: 'TargetInfrastructureError: port disappeared', attempts: 3 }),
    o('float/tiny', 'nucleo-f446re-1', 'skip', { error: 'nucleo-f446re-1 is broken', attempts: 0, durationMs: 0 }),
    o('snapshot/roundtrip', 'nucleo-f446re-1', 'skip', { error: 'nucleo-f446re-1 is broken', attempts: 0, durationMs: 0 }),
  );
  return {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    runId: 'sample',
    startedAt: '2026-11-25T02:00:00.000Z',
    finishedAt: '2026-11-25T02:03:00.000Z',
    interrupted: false,
    env: { host: 'lab-1', node: 'v20.20.2', 'git.commit': 'deadbeef' },
    targets,
    cases,
    outcomes,
    summary: summarize(outcomes, targets),
  };
}
