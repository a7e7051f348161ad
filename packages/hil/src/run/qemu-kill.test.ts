/**
 * A real emulated board killed mid-run (issue 9): `hil run` on two QEMU
 * boards of examples/emulated.yaml (firmware built by `pnpm build`); once
 * cases run, the QEMU process of one board (a descendant of the hil process,
 * found in /proc) gets SIGKILL. The harness must report that board's case
 * in flight as an infrastructure failure (and the board as broken if it
 * cannot be brought back), never as a difference; the other board finishes
 * with every verdict right; the exit code is 2; the reports are written.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { descendants, startNode } from '../util/testing-processes.js';

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const VICTIM = 'qemu-mps2-an500';
const SURVIVOR = 'qemu-mps2-an385';


describe('hil run with an emulated board killed mid-run', () => {
  it('reports the killed board as an infrastructure failure and finishes the other with right verdicts', async () => {
    const out = mkdtempSync(join(tmpdir(), 'hil-qemu-kill-'));
    const run = startNode(join(pkg, 'dist', 'cli.js'), [
      'run', '--boards', join(pkg, 'examples', 'emulated.yaml'), '--targets', SURVIVOR, VICTIM,
      '--filter', '^(int|float|string|array)/', '--out', out, '--progress', 'plain', '--state-dir', join(out, 'state'),
    ]);
    const { child, exited } = run;
    const guard = setTimeout(() => child.kill('SIGKILL'), 400_000);
    await run.waitFor(new RegExp(`${VICTIM}: ready`), 300_000);
    expect(run.stdout(), run.stderr()).toMatch(new RegExp(`${VICTIM}: ready`));
    await new Promise((r) => setTimeout(r, 1500)); // mid-run
    const qemus = descendants(child.pid!).filter((p) => /qemu-system-arm/.test(p.cmd));
    const victim = qemus.find((p) => p.cmd.includes('mps2-an500'));
    expect(victim, `QEMU processes under hil: ${JSON.stringify(qemus)}`).toBeDefined();
    process.kill(victim!.pid, 'SIGKILL');
    const killedAt = Date.now();
    const { code, signal } = await exited;
    clearTimeout(guard);
    // If hil died without tearing down, its other QEMU is left running: end it (ours, by pid), and say so below.
    const orphans = qemus.filter((q) => q.pid !== victim!.pid && existsSync(`/proc/${q.pid}`));
    for (const q of orphans) process.kill(q.pid, 'SIGKILL');
    console.log(`QEMU ${victim!.pid} (${VICTIM}) killed; hil exited ${code} ${(Date.now() - killedAt) / 1000} s later`);
    const stdout = run.stdout();
    const stderr = run.stderr();

    expect(signal, `${stdout}\n${stderr}`).toBe(null);
    expect(code, `${stdout}\n${stderr}`).toBe(2);
    expect(orphans.map((q) => q.cmd), 'QEMU processes left running by hil').toEqual([]);
    for (const f of ['results.json', 'junit.xml', 'report.html']) expect(existsSync(join(out, f)), f).toBe(true);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as {
      targets: { name: string; broken?: string }[];
      outcomes: { caseId: string; target: string; verdict: string; error?: string; transcript?: string[]; expected?: string[]; attempts: number }[];
    };
    const of = (t: string) => results.outcomes.filter((o) => o.target === t);
    const n = of(SURVIVOR).length;
    expect(n).toBeGreaterThan(40);
    expect(of(VICTIM)).toHaveLength(n);
    // The survivor: every case passed with the expected transcript.
    expect(of(SURVIVOR).filter((o) => o.verdict !== 'pass').map((o) => `${o.caseId}: ${o.verdict} ${o.error ?? ''}`)).toEqual([]);
    for (const o of of(SURVIVOR)) expect(o.transcript).toEqual(o.expected);
    // The victim: passes before the kill are right; the kill is infrastructure, never a difference.
    const v = of(VICTIM);
    expect(v.filter((o) => o.verdict === 'fail').map((o) => o.caseId)).toEqual([]);
    for (const o of v.filter((x) => x.verdict === 'pass')) expect(o.transcript).toEqual(o.expected);
    const infra = v.filter((o) => o.verdict === 'infra');
    expect(infra.length, JSON.stringify(v.map((o) => o.verdict))).toBeGreaterThan(0);
    expect(infra[0]!.error).toBeTruthy();
    const victimReport = results.targets.find((t) => t.name === VICTIM)!;
    const survivorReport = results.targets.find((t) => t.name === SURVIVOR)!;
    expect(survivorReport.broken).toBeUndefined();
    // If it was not brought back, the board is broken and the rest skipped; if it was, the rest ran.
    if (victimReport.broken) expect(v.filter((o) => o.verdict === 'skip').every((o) => /broken/.test(o.error ?? ''))).toBe(true);
    else expect(v.filter((o) => o.verdict === 'skip')).toEqual([]);
    const junit = readFileSync(join(out, 'junit.xml'), 'utf8');
    expect(junit).toMatch(/InfrastructureError/);
    console.log(`${VICTIM}: ${v.map((o) => o.verdict[0]).join('')} broken: ${victimReport.broken ?? 'no'}`);
  }, 420_000);
});
