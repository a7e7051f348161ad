import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convert } from 'xmlbuilder2';
import { sampleResults } from './fixture.js';
import { htmlReport } from './html.js';
import { parseResultsJson, resultsJsonSchema, RunResultsSchema } from './json.js';
import { junitXml } from './junit.js';
import { EXIT, summarize } from './results.js';
import { writeReports } from './write.js';

describe('summary and exit codes', () => {
  it('infrastructure beats differences beats identical; quarantined failures do not count', () => {
    const r = sampleResults();
    expect(r.summary).toMatchObject({ pass: 10, fail: 1, infra: 2, skip: 2, quarantined: 1, flaky: 1, exitCode: EXIT.INFRASTRUCTURE });
    const noInfra = r.outcomes.filter((o) => o.target !== 'nucleo-f446re-1');
    expect(summarize(noInfra).exitCode).toBe(EXIT.DIFFERENCES);
    expect(summarize(noInfra.filter((o) => o.verdict === 'pass' || o.quarantined)).exitCode).toBe(EXIT.IDENTICAL);
    expect(summarize([], [], true).exitCode).toBe(EXIT.INFRASTRUCTURE);
  });
});

describe('JUnit XML', () => {
  it('parses as XML: one testsuite per target with properties, failures with diffs, errors for infrastructure', () => {
    const xml = junitXml(sampleResults());
    const doc = convert(xml, { format: 'object' }) as any;
    const suites = doc.testsuites.testsuite as any[];
    expect(suites.map((s) => s['@name'])).toEqual(['runtime-wasm', 'runtime-node-native', 'qemu-mps2-an385', 'nucleo-f446re-1']);
    expect(doc.testsuites['@tests']).toBe('16');
    const an385 = suites[2];
    expect(an385['@failures']).toBe('2');
    const props = Object.fromEntries(an385.properties.property.map((p: any) => [p['@name'], p['@value']]));
    expect(props).toMatchObject({ 'board.kind': 'qemu-mps2-an385', 'firmware.commit': '0123456789abcdef', 'firmware.bytes': '54912', 'flash.skipped': 'true', 'git.commit': 'deadbeef' });
    const tiny = an385.testcase.find((t: any) => t['@name'] === 'float/tiny');
    expect(tiny.failure['@type']).toBe('TranscriptMismatch');
    expect(tiny.failure['#']).toMatch(/^--- expected\n\+\+\+ actual\n@@ /);
    expect(tiny.failure['#'].split('\n')).toEqual(expect.arrayContaining(['-print 5e-324', '+print 4.94065645841247e-324', ' return undefined']));
    const nucleo = suites[3];
    expect(nucleo.testcase[0].error['@type']).toBe('InfrastructureError');
    expect(nucleo.testcase[2].skipped).toBeDefined();
    expect(Object.fromEntries(nucleo.properties.property.map((p: any) => [p['@name'], p['@value']]))['target.broken']).toMatch(/unresponsive/);
  });

  it('escapes control characters XML cannot carry', () => {
    const r = sampleResults();
    r.outcomes[0]!.verdict = 'fail';
    r.outcomes[0]!.transcript = ['print \u0001\u0000<&>'];
    const xml = junitXml(r);
    expect(() => convert(xml, { format: 'object' })).not.toThrow();
    expect(xml).toContain('+print \\u0001\\u0000&lt;&amp;&gt;');
  });
});

describe('results.json', () => {
  it('round-trips through its schema, with every transcript', () => {
    const r = sampleResults();
    const text = JSON.stringify(r);
    expect(parseResultsJson(text)).toEqual(r);
    expect(r.outcomes.filter((o) => o.transcript).length).toBe(12);
    const bad = JSON.parse(text);
    bad.outcomes[0].verdict = 'maybe';
    expect(() => parseResultsJson(JSON.stringify(bad))).toThrow(/verdict/);
  });

  it('publishes a JSON Schema', () => {
    const schema = resultsJsonSchema() as any;
    expect(schema.$schema).toMatch(/2020-12/);
    expect(schema.required).toEqual(expect.arrayContaining(['schemaVersion', 'targets', 'outcomes', 'summary']));
    expect(schema.properties.outcomes.items.properties.verdict.enum).toEqual(['pass', 'fail', 'infra', 'skip']);
    expect(RunResultsSchema).toBeDefined();
  });
});

describe('HTML report', () => {
  it('is self-contained and holds the matrix, diffs, sizes, logs and timings', () => {
    const html = htmlReport(sampleResults());
    expect(html).not.toMatch(/<script|<link|src=|url\(|@import/i);
    expect(html.match(/<td class="cell /g)).toHaveLength(16);
    expect(html.match(/data-verdict="fail"/g)).toHaveLength(2);
    expect(html).toContain('data-case="float/tiny" data-target="qemu-mps2-an385" data-verdict="fail"');
    expect(html).toContain('<span class="del">- print 5e-324</span>');
    expect(html).toContain('<span class="add">+ print 4.94065645841247e-324</span>');
    expect(html).toContain('54,912 B'); // flash size
    expect(html).toContain('denormal &lt;b&gt;&amp; &quot;quotes&quot;'); // escaped
    expect(html).toContain('mvagent ready v1\n&lt;ctrl&gt; 0x01 &amp; done');
    expect(html).toContain('broken: unresponsive');
    expect(html).toContain('exit code 2 (infrastructure failure)');
  });

  it('writeReports writes all four files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hil-rep-'));
    const paths = await writeReports(sampleResults(), dir);
    for (const p of Object.values(paths)) expect((await readFile(p, 'utf8')).length).toBeGreaterThan(100);
    expect(parseResultsJson(await readFile(paths.json, 'utf8')).runId).toBe('sample');
  });
});
