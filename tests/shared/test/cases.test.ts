// Case files: the YAML block's steps and arguments, and clear errors naming
// the file for malformed cases (from the API and from the CLI).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCasesDir, loadCases } from '../src/cases.js';
import { CaseFormatError, parseCaseMeta } from '../src/format.js';
import { runSuite } from '../src/runner.js';
import { openTargets } from '../src/targets/index.js';
import { runCli } from './helpers.js';

const block = (yaml: string) => `/*---\n${yaml}\n---*/\nvmExport(0, () => 1);\n`;

describe('parseCaseMeta', () => {
  it('reads description, tags, oracle (v8 by default) and every kind of step', () => {
    const meta = parseCaseMeta(
      'g/ok',
      block(
        [
          'description: all steps',
          'tags: [a, 2]',
          'steps:',
          '  - call: 0',
          '  - call: 65535',
          '    args: [1, "s", [true, null], {k: -1.5}]',
          '  - snapshot',
          '  - gc',
          '  - heap',
          '  - gas: 100',
          '  - gas: off',
        ].join('\n'),
      ),
    );
    expect(meta).toEqual({
      description: 'all steps',
      tags: ['a', '2'],
      oracle: 'v8',
      steps: [
        { kind: 'call', exportId: 0, args: [] },
        { kind: 'call', exportId: 65535, args: [1, 's', [true, null], { k: -1.5 }] },
        { kind: 'snapshot' },
        { kind: 'gc' },
        { kind: 'heap' },
        { kind: 'gas', limit: 100 },
        { kind: 'gas', limit: 'off' },
      ],
    });
    expect(parseCaseMeta('g/none', block('description: d\noracle: none\nsteps: [gc]')).oracle).toBe('none');
  });

  it('gives NaN, the infinities and negative zero for .nan, .inf, -.inf and -0.0', () => {
    const meta = parseCaseMeta('g/special', block('description: d\nsteps:\n  - call: 0\n    args: [.nan, .inf, -.inf, -0.0, 0.0, ~]'));
    const args = (meta.steps[0] as { args: unknown[] }).args;
    expect(Number.isNaN(args[0])).toBe(true);
    expect(args[1]).toBe(Infinity);
    expect(args[2]).toBe(-Infinity);
    expect(Object.is(args[3], -0)).toBe(true);
    expect(Object.is(args[4], 0)).toBe(true);
    expect(args[5]).toBeNull();
  });

  it.each([
    ['no YAML block', 'vmExport(0, () => 1);', 'missing the /*--- ... ---*/ block'],
    ['invalid YAML', block('description: [unclosed\nsteps: [gc]'), 'invalid YAML: '],
    ['no description', block('steps: [gc]'), '`description` is required'],
    ['no steps', block('description: d'), '`steps` is required'],
    ['empty steps', block('description: d\nsteps: []'), '`steps` is required'],
    ['a bad oracle', block('description: d\noracle: node\nsteps: [gc]'), '`oracle` is v8 or none'],
    ['an unknown step', block('description: d\nsteps: [gc, frobnicate]'), 'step 2: unknown step "frobnicate"'],
    ['a negative export ID', block('description: d\nsteps:\n  - call: -1'), 'step 1: `call` takes an export ID (0..65535)'],
    ['a too large export ID', block('description: d\nsteps:\n  - call: 65536'), 'step 1: `call` takes an export ID (0..65535)'],
    ['a fractional export ID', block('description: d\nsteps:\n  - call: 1.5'), 'step 1: `call` takes an export ID (0..65535)'],
    ['args that are not a list', block('description: d\nsteps:\n  - call: 0\n    args: 5'), 'step 1: `args` must be a list'],
    ['an argument that is not plain data', block('description: d\nsteps:\n  - call: 0\n    args: [!!binary aGk=]'), 'step 1: args[0] is not plain data'],
    ['arguments nested too deeply', block(`description: d\nsteps:\n  - call: 0\n    args: [${'['.repeat(9)}1${']'.repeat(9)}]`), `step 1: args[0]${'[0]'.repeat(9)} nests too deeply`],
    ['a negative gas count', block('description: d\nsteps:\n  - gas: -5'), 'step 1: `gas` takes a count or off'],
  ])('rejects %s with a CaseFormatError naming the case', (_what, source, reason) => {
    let error: unknown;
    try {
      parseCaseMeta('grp/bad', source);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CaseFormatError);
    expect((error as CaseFormatError).caseId).toBe('grp/bad');
    expect((error as Error).message.startsWith(`grp/bad: ${reason}`)).toBe(true);
  });

  it('accepts arguments nested exactly as deeply as the limit allows', () => {
    const meta = parseCaseMeta('g/deep', block(`description: d\nsteps:\n  - call: 0\n    args: [${'['.repeat(8)}1${']'.repeat(8)}]`));
    expect(JSON.stringify((meta.steps[0] as { args: unknown[] }).args)).toBe(`[${'['.repeat(8)}1${']'.repeat(8)}]`);
  });
});

describe('loading a cases directory', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mvtk-suite-bad-'));
    mkdirSync(join(dir, 'grp'));
    writeFileSync(join(dir, 'grp', 'good.js'), block('description: fine\nsteps:\n  - call: 0'));
    writeFileSync(join(dir, 'grp', 'good.expected'), 'return 1\n');
    writeFileSync(join(dir, 'grp', 'no-expected.js'), block('description: no transcript yet\nsteps:\n  - call: 0'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loads the real suite in a stable order, each case with its transcript', () => {
    const all = loadCases();
    expect(all.length).toBeGreaterThanOrEqual(150);
    const ids = all.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    // Directory order, then file order, the same on every run.
    expect(loadCases().map((c) => c.id)).toEqual(ids);
    const groups = ids.map((id) => id.split('/')[0]!);
    expect(groups).toEqual([...groups].sort());
    expect(all.every((c) => Array.isArray(c.expected))).toBe(true);
    expect(loadCases(defaultCasesDir, { filter: /^snapshot\// }).every((c) => c.id.startsWith('snapshot/'))).toBe(true);
    expect(loadCases(defaultCasesDir, { filter: 'float/add-point' }).map((c) => c.id)).toEqual(['float/add-point-one-point-two']);
  });

  it('reports a case without .expected as a failure that says what to do', async () => {
    const cases = loadCases(dir);
    expect(cases.map((c) => [c.id, c.expected])).toEqual([
      ['grp/good', ['return 1']],
      ['grp/no-expected', undefined],
    ]);
    const opened = await openTargets(['c-host']);
    try {
      const result = await runSuite({ cases, targets: opened.targets });
      expect(result.exitCode).toBe(1);
      expect(result.cases.map((c) => c.outcome)).toEqual(['pass', 'fail']);
      expect(result.cases[1]!.messages).toContain('no .expected file (run the CLI with --update-expected and review it)');
    } finally {
      for (const t of opened.targets) await t.close();
    }
  });

  it('names the file of a malformed case', () => {
    const file = join(dir, 'grp', 'zz-broken.js');
    writeFileSync(file, block('steps: [gc]'));
    try {
      let error: unknown;
      try {
        loadCases(dir);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(CaseFormatError);
      expect((error as CaseFormatError).file).toBe(file);
      expect((error as Error).message).toBe(`${file}: \`description\` is required`);
      // A filter that leaves it out loads the rest.
      expect(loadCases(dir, { filter: 'good' }).map((c) => c.id)).toEqual(['grp/good']);
    } finally {
      rmSync(file);
    }
  });

  it('makes the CLI stop with status 2 and the file name', async () => {
    const file = join(dir, 'grp', 'zz-yaml.js');
    writeFileSync(file, block('description: [oops\nsteps: [gc]'));
    try {
      const run = await runCli(['--cases', dir, '--targets', 'c-host']);
      expect(run.status).toBe(2);
      expect(run.stderr).toContain(`CaseFormatError: ${file}: invalid YAML: `);
    } finally {
      rmSync(file);
    }
  });
});
