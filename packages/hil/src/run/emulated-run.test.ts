/**
 * `hil run` for real, as CI runs it: the whole shared suite on every host
 * target and every emulated board of examples/emulated.yaml (QEMU Cortex-M3,
 * M7, the STM32F405 and the RISC-V ESP32-C3 stand-in), through the CLI, with
 * JUnit, JSON and HTML written; the HTML report is opened in Chromium and the
 * matrix checked in a screenshot. Needs the firmware built (`pnpm build`).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { loadCases } from '@mvtk/shared-suite';
import { colourDistance, matrixCellColours } from '../report/matrix-pixels.js';

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BOARDS = ['qemu-mps2-an385', 'qemu-mps2-an500', 'qemu-netduinoplus2', 'qemu-riscv32-virt'];
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

describe('hil run over the emulated lab', () => {
  it('runs every case on every target with identical transcripts and writes the three reports', async () => {
    const out = mkdtempSync(join(tmpdir(), 'hil-e2e-'));
    const run = spawnSync(
      process.execPath,
      [join(pkg, 'dist', 'cli.js'), 'run', '--boards', join(pkg, 'examples', 'emulated.yaml'), '--out', out, '--progress', 'plain', '--state-dir', join(out, 'state')],
      { encoding: 'utf8', timeout: 600_000 },
    );
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);

    const cases = loadCases().length;
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as {
      targets: Array<{ name: string }>;
      outcomes: Array<{ caseId: string; target: string; verdict: string }>;
    };
    const targets = results.targets.map((t) => t.name);
    for (const t of ['wasm-node', 'native', ...BOARDS]) expect(targets).toContain(t);
    expect(results.outcomes).toHaveLength(cases * targets.length);
    const notPassed = results.outcomes.filter((o) => o.verdict !== "pass").map((o) => `${o.caseId} @ ${o.target}: ${o.verdict}`);
    expect(notPassed).toEqual([]);

    const junit = readFileSync(join(out, 'junit.xml'), 'utf8');
    for (const t of targets) expect(junit).toMatch(new RegExp(`<testsuite[^>]* name="${t}"[^>]* tests="${cases}"`));
    expect(junit).not.toMatch(/<failure|<error/);

    const browser = await chromium.launch({ executablePath: process.env.MVTK_CHROMIUM ?? '/usr/bin/chromium', args: FLAGS });
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, deviceScaleFactor: 1 });
      await page.goto(pathToFileURL(join(out, 'report.html')).href);
      expect(await page.locator('#matrix th.target').count()).toBe(targets.length);
      expect(await page.locator('#matrix tbody tr').count()).toBe(cases);
      const { cells } = await matrixCellColours(browser, page);
      expect(cells).toHaveLength(cases * targets.length);
      const wrong = cells.filter((c) => c.verdict !== 'pass' || colourDistance(c) > 6);
      expect(wrong.map((c) => `${c.id}: ${c.verdict} rgb(${c.rgb})`)).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 900_000);
});
