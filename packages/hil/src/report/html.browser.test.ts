/**
 * Opens the HTML report in real Chromium (Debian's, driven by playwright-core)
 * and checks the rendered matrix: the number of cells and the pixel colour of
 * each cell in a screenshot.
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleResults } from './fixture.js';
import { VERDICT_COLOURS } from './html.js';
import type { Verdict } from './results.js';
import { writeReports } from './write.js';
import { colourDistance, matrixCellColours } from './matrix-pixels.js';

const CHROMIUM = process.env.MVTK_CHROMIUM ?? '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

let browser: Browser;
beforeAll(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
});
afterAll(async () => {
  await browser?.close();
});

describe('HTML report in Chromium', () => {
  it('renders the case × target matrix with one coloured cell per outcome', async () => {
    const results = sampleResults();
    const dir = await mkdtemp(join(tmpdir(), 'hil-html-'));
    const { html } = await writeReports(results, dir);
    const page = await browser.newPage({ viewport: { width: 1000, height: 900 }, deviceScaleFactor: 1 });
    // No request may leave the page: the report is self-contained.
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(html).href);
    expect(requests).toEqual([pathToFileURL(html).href]);

    expect(await page.locator('#matrix th.target').count()).toBe(4);
    expect(await page.locator('#matrix tbody tr').count()).toBe(4);
    expect(await page.locator('#matrix td.cell').count()).toBe(16);

    const { png, cells: sampled } = await matrixCellColours(browser, page);
    await mkdir('test-results', { recursive: true });
    await writeFile('test-results/report-matrix.png', png);
    const seen: Record<Verdict, number> = { pass: 0, fail: 0, infra: 0, skip: 0 };
    for (const c of sampled) {
      expect(colourDistance(c), `${c.id}: ${c.verdict} cell is rgb(${c.rgb}) not ${VERDICT_COLOURS[c.verdict]}`).toBeLessThanOrEqual(6);
      seen[c.verdict]++;
    }
    // The colours in the picture match the results, not just the markup.
    const expected = { pass: 0, fail: 0, infra: 0, skip: 0 };
    for (const o of results.outcomes) expected[o.verdict]++;
    expect(seen).toEqual(expected);
    expect(seen).toEqual({ pass: 10, fail: 2, infra: 2, skip: 2 });

    // A failing cell links to its diff.
    await page.locator('td[data-case="float/tiny"][data-target="qemu-mps2-an385"] a').click();
    expect(page.url()).toMatch(/#d-qemu-mps2-an385-float_tiny$/);
    expect(await page.locator('#d-qemu-mps2-an385-float_tiny .diff .add').innerText()).toBe('+ print 4.94065645841247e-324');
    await page.close();
  });
});
