/**
 * One self-contained HTML report (inline CSS, no scripts or external
 * assets): summary, the case × target matrix, diffs, targets with firmware
 * sizes and flash times, per-board logs and timings.
 *
 * Matrix cells are `td.cell.v-<verdict>` with `data-case`/`data-target`, in
 * the colours {@link VERDICT_COLOURS} (the browser test checks them by pixel).
 */
import { diffTranscripts } from './diff.js';
import type { NightlyChanges } from '../nightly/nightly.js';
import type { CaseOutcome, RunResults, Verdict } from './results.js';

export const VERDICT_COLOURS: Record<Verdict, string> = {
  pass: '#1b873f',
  fail: '#d1242f',
  infra: '#e36209',
  skip: '#8c959f',
};
const SYMBOL: Record<Verdict, string> = { pass: '✓', fail: '✗', infra: '!', skip: '–' };

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const anchor = (o: Pick<CaseOutcome, 'caseId' | 'target'>) => `d-${o.target}-${o.caseId}`.replace(/[^A-Za-z0-9_-]/g, '_');
const ms = (n: number | undefined) => (n === undefined ? '' : n >= 1000 ? `${(n / 1000).toFixed(2)} s` : `${Math.round(n)} ms`);
const bytes = (n: number | undefined) => (n === undefined ? '' : `${n.toLocaleString('en-US')} B`);

const CSS = `
*{box-sizing:border-box}body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px;color:#1f2328;background:#fff}
h1{font-size:20px;margin:0 0 4px}h2{font-size:16px;margin:28px 0 8px;border-bottom:1px solid #d0d7de;padding-bottom:4px}
.meta{color:#59636e;font-size:12px}.badges span{display:inline-block;margin:8px 8px 0 0;padding:3px 10px;border-radius:12px;color:#fff;font-weight:600}
table{border-collapse:collapse}th,td{border:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f6f8fa;font-weight:600}td.num{text-align:right;font-variant-numeric:tabular-nums}
table.matrix th.target{writing-mode:vertical-rl;transform:rotate(180deg);white-space:nowrap;height:auto;padding:8px 4px}
table.matrix td.cell{width:34px;min-width:34px;height:24px;padding:0;text-align:center;color:#fff;font-weight:700}
table.matrix td.cell a{display:block;color:#fff;text-decoration:none;line-height:24px}
${(Object.keys(VERDICT_COLOURS) as Verdict[]).map((v) => `.v-${v}{background:${VERDICT_COLOURS[v]}}`).join('')}
td.cell.q{outline:3px dashed #6639ba;outline-offset:-3px}td.cell.flaky{outline:3px dotted #bf8700;outline-offset:-3px}
pre{background:#f6f8fa;border:1px solid #d0d7de;padding:8px;overflow:auto;font:12px/1.45 ui-monospace,SFMono-Regular,Menlo,monospace;margin:4px 0}
.diff .add{background:#dafbe1;display:block}.diff .del{background:#ffebe9;display:block}.diff .ctx{display:block;color:#59636e}.diff .hunk{display:block;color:#0969da}
.broken{color:#d1242f;font-weight:600}details{margin:6px 0}summary{cursor:pointer}
.legend span{display:inline-block;width:14px;height:14px;vertical-align:middle;margin:0 4px 0 12px}
`;

export function htmlReport(results: RunResults, opts: { title?: string; changes?: NightlyChanges } = {}): string {
  const { targets, cases, outcomes, summary } = results;
  const byKey = new Map(outcomes.map((o) => [`${o.caseId}\u0000${o.target}`, o]));
  const title = opts.title ?? `hil run ${results.runId}`;
  const exitText = ['all identical', 'differences', 'infrastructure failure'][summary.exitCode];

  const badges = (['pass', 'fail', 'infra', 'skip'] as Verdict[])
    .map((v) => `<span class="v-${v}">${summary[v]} ${v}</span>`)
    .concat(summary.quarantined ? [`<span style="background:#6639ba">${summary.quarantined} quarantined</span>`] : [])
    .concat(summary.flaky ? [`<span style="background:#bf8700">${summary.flaky} flaky</span>`] : [])
    .join('');

  const head = `<tr><th>case</th>${targets.map((t) => `<th class="target" title="${esc(t.name)}">${esc(t.name)}</th>`).join('')}</tr>`;
  const rows = cases
    .map((c) => {
      const cells = targets
        .map((t) => {
          const o = byKey.get(`${c.id}\u0000${t.name}`);
          const v: Verdict = o?.verdict ?? 'skip';
          const cls = ['cell', `v-${v}`, o?.quarantined ? 'q' : '', o?.flaky ? 'flaky' : ''].filter(Boolean).join(' ');
          const tip = `${c.id} on ${t.name}: ${v}${o ? ` in ${ms(o.durationMs)}` : ''}${o?.error ? ` — ${o.error.split('\n')[0]}` : ''}`;
          const inner = o && v !== 'pass' && v !== 'skip' ? `<a href="#${anchor(o)}">${SYMBOL[v]}</a>` : SYMBOL[v];
          return `<td class="${cls}" data-case="${esc(c.id)}" data-target="${esc(t.name)}" data-verdict="${v}" title="${esc(tip)}">${inner}</td>`;
        })
        .join('');
      return `<tr><th title="${esc(c.description)}">${esc(c.id)}</th>${cells}</tr>`;
    })
    .join('\n');

  const problems = outcomes.filter((o) => o.verdict === 'fail' || o.verdict === 'infra');
  const diffs = problems.length
    ? problems
        .map((o) => {
          const label = `${esc(o.caseId)} on ${esc(o.target)} — ${o.verdict === 'fail' ? 'TEST failure (behaved differently)' : 'INFRASTRUCTURE failure'}${o.quarantined ? ' (quarantined)' : ''}${o.flaky ? ' (flaky)' : ''}`;
          let body = '';
          if (o.verdict === 'fail' && o.expected && o.transcript) {
            body = `<pre class="diff">${diffTranscripts(o.expected, o.transcript)
              .map((l) => `<span class="${l.op === '+' ? 'add' : l.op === '-' ? 'del' : l.op === '@' ? 'hunk' : 'ctx'}">${l.op === '@' ? esc(l.text) : `${l.op} ${esc(l.text)}`}</span>`)
              .join('')}</pre>`;
          }
          if (o.error) body += `<pre>${esc(o.error)}</pre>`;
          if (o.reruns) body += `<p class="meta">reruns: ${o.reruns.join(', ')}</p>`;
          return `<details id="${anchor(o)}" open><summary>${label}</summary>${body}</details>`;
        })
        .join('\n')
    : '<p>None: every target produced the expected transcript.</p>';

  const targetRows = targets
    .map((t) => {
      const fw = t.firmware;
      return `<tr><td>${esc(t.name)}${t.broken ? `<div class="broken">broken: ${esc(t.broken)}</div>` : ''}</td><td>${t.kind}${t.boardKind ? ` (${esc(t.boardKind)})` : ''}</td><td>${esc(t.port ?? '')}</td>
<td class="num">${bytes(fw?.flashBytes)}</td><td class="num">${bytes(fw?.ramBytes)}</td><td class="num">${bytes(fw?.fileBytes)}</td><td><code>${esc(fw?.sha256.slice(0, 12) ?? '')}</code>${fw?.commit ? ` @${esc(fw.commit.slice(0, 10))}` : ''}</td>
<td>${t.flash ? (t.flash.skipped ? 'skipped (same image)' : ms(t.flash.durationMs)) : ''}</td><td class="num">${ms(t.setupMs)}</td><td class="num">${ms(t.durationMs)}</td></tr>`;
    })
    .join('\n');

  const logs = targets
    .filter((t) => t.logTail || t.logFile)
    .map((t) => `<details><summary>${esc(t.name)}${t.logFile ? ` — <code>${esc(t.logFile)}</code>` : ''}</summary><pre>${esc(t.logTail ?? '(no output)')}</pre></details>`)
    .join('\n');

  const slow = [...outcomes].sort((a, b) => b.durationMs - a.durationMs).slice(0, 20);
  const timing = slow.map((o) => `<tr><td>${esc(o.caseId)}</td><td>${esc(o.target)}</td><td class="num">${ms(o.durationMs)}</td><td class="num">${o.attempts}</td></tr>`).join('');
  const perTarget = targets
    .map((t) => {
      const mine = outcomes.filter((o) => o.target === t.name);
      const total = mine.reduce((a, o) => a + o.durationMs, 0);
      return `<tr><td>${esc(t.name)}</td><td class="num">${mine.length}</td><td class="num">${ms(total)}</td><td class="num">${ms(mine.length ? total / mine.length : 0)}</td></tr>`;
    })
    .join('');
  const ch = opts.changes;
  const changeList = (title: string, items: NightlyChanges['newFailures'], cls: string) =>
    items.length
      ? `<h3 class="${cls}">${title} (${items.length})</h3><ul>${items.map((i) => `<li>${esc(i.caseId)} on ${esc(i.target)}: ${i.was ?? 'new'} → ${i.now}</li>`).join('')}</ul>`
      : '';
  const changes = ch
    ? `<h2 id="changes">Changes since ${esc(ch.previousRunId ?? 'nothing (first night)')}</h2>${
        changeList('New failures', ch.newFailures, 'new') +
          changeList('Fixed', ch.fixed, 'fixed') +
          changeList('Flaky (passed and failed tonight)', ch.flaky, 'flaky') +
          changeList('Still failing', ch.stillFailing, 'still') +
          changeList('Quarantined failures (not counted)', ch.quarantined, 'quarantined') || '<p>Nothing changed.</p>'
      }`
    : '';
  const env = Object.entries(results.env).map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`).join('');

  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)}</title><style>${CSS}</style></head>
<body>
<h1>${esc(title)}</h1>
<div class="meta">${esc(results.startedAt)} → ${esc(results.finishedAt)}${results.interrupted ? ' — <b>interrupted</b>' : ''} — exit code ${summary.exitCode} (${exitText})</div>
<div class="badges" id="summary">${badges}</div>
${changes}
<h2>Matrix: ${cases.length} cases × ${targets.length} targets</h2>
<div class="legend meta">${(Object.keys(VERDICT_COLOURS) as Verdict[]).map((v) => `<span class="v-${v}"></span>${v}`).join('')}<span style="outline:3px dashed #6639ba;background:#fff"></span>quarantined<span style="outline:3px dotted #bf8700;background:#fff"></span>flaky</div>
<table class="matrix" id="matrix"><thead>${head}</thead><tbody>
${rows}
</tbody></table>
<h2>Differences and failures (${problems.length})</h2>
${diffs}
<h2>Targets</h2>
<table id="targets"><tr><th>target</th><th>kind</th><th>port</th><th>flash used</th><th>RAM used</th><th>image</th><th>firmware</th><th>flash</th><th>setup</th><th>run</th></tr>
${targetRows}</table>
<h2>Timings</h2>
<table><tr><th>target</th><th>cases</th><th>total</th><th>mean</th></tr>${perTarget}</table>
<h3>Slowest cases</h3>
<table><tr><th>case</th><th>target</th><th>time</th><th>attempts</th></tr>${timing}</table>
<h2>Board logs</h2>
${logs || '<p>No board logs.</p>'}
<h2>Environment</h2>
<table>${env}</table>
</body></html>
`;
}
