/**
 * JUnit XML: one `<testsuite>` per target, one `<testcase>` per case, with
 * `<failure>` for a TEST failure (a diff), `<error>` for an INFRASTRUCTURE
 * failure and `<skipped>`. Suite properties record env, board and firmware
 * (labgrid's record_testsuite_property).
 */
import { create } from 'xmlbuilder2';
import { diffText } from './diff.js';
import type { RunResults } from './results.js';

// XML 1.0 cannot carry most control characters, even escaped.
const clean = (s: string) => s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

export function junitXml(results: RunResults): string {
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele('testsuites', {
    name: `hil ${results.runId}`,
    tests: String(results.outcomes.length),
    failures: String(results.outcomes.filter((o) => o.verdict === 'fail').length),
    errors: String(results.outcomes.filter((o) => o.verdict === 'infra').length),
    skipped: String(results.outcomes.filter((o) => o.verdict === 'skip').length),
    time: secs(Date.parse(results.finishedAt) - Date.parse(results.startedAt)),
    timestamp: results.startedAt,
  });
  for (const t of results.targets) {
    const mine = results.outcomes.filter((o) => o.target === t.name);
    const suite = root.ele('testsuite', {
      name: t.name,
      tests: String(mine.length),
      failures: String(mine.filter((o) => o.verdict === 'fail').length),
      errors: String(mine.filter((o) => o.verdict === 'infra').length),
      skipped: String(mine.filter((o) => o.verdict === 'skip').length),
      time: secs(t.durationMs),
      timestamp: results.startedAt,
    });
    const props = suite.ele('properties');
    const all: Record<string, string> = { ...results.env, ...t.properties, 'target.kind': t.kind };
    if (t.boardKind) all['board.kind'] = t.boardKind;
    if (t.port) all['board.port'] = t.port;
    if (t.firmware) {
      all['firmware.sha256'] = t.firmware.sha256;
      all['firmware.bytes'] = String(t.firmware.flashBytes ?? t.firmware.fileBytes);
      if (t.firmware.commit) all['firmware.commit'] = t.firmware.commit;
    }
    if (t.flash) all['flash.skipped'] = String(t.flash.skipped);
    if (t.broken) all['target.broken'] = t.broken;
    for (const [name, value] of Object.entries(all)) props.ele('property', { name, value: clean(value) });
    for (const o of mine) {
      const tc = suite.ele('testcase', { name: o.caseId, classname: `hil.${t.name}`, time: secs(o.durationMs) });
      if (o.verdict === 'fail') {
        const body = o.expected && o.transcript ? diffText(o.expected, o.transcript) : (o.error ?? '');
        tc.ele('failure', { message: `${t.name} behaved differently${o.quarantined ? ' (quarantined)' : ''}`, type: 'TranscriptMismatch' }).txt(clean(body));
      } else if (o.verdict === 'infra') {
        tc.ele('error', { message: clean((o.error ?? 'infrastructure failure').split('\n')[0]!), type: 'InfrastructureError' }).txt(clean(o.error ?? ''));
      } else if (o.verdict === 'skip') {
        tc.ele('skipped', { message: clean(o.error ?? 'skipped') });
      }
      const notes = [o.flaky ? 'flaky: passed and failed within this run' : '', o.reruns ? `reruns: ${o.reruns.join(',')}` : '', o.attempts > 1 ? `attempts: ${o.attempts}` : '']
        .filter(Boolean)
        .join('\n');
      if (notes) tc.ele('system-out').txt(notes);
    }
  }
  return root.end({ prettyPrint: true });
}

function secs(ms: number): string {
  return (Math.max(0, ms || 0) / 1000).toFixed(3);
}
