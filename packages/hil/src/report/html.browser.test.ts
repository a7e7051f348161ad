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

const CHROMIUM = process.env.MVTK_CHROMIUM ?? '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

let browser: Browser;
beforeAll(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
});
afterAll(async () => {
  await browser?.close();
});

const hex = (c: string) => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16));

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
    const cells = page.locator('#matrix td.cell');
    expect(await cells.count()).toBe(16);

    const matrix = page.locator('#matrix');
    const box = (await matrix.boundingBox())!;
    const png = await matrix.screenshot();
    await mkdir('test-results', { recursive: true });
    await writeFile('test-results/report-matrix.png', png);

    // Sample each cell's pixel (left of its symbol, inside any outline) from the screenshot.
    const points: Array<{ x: number; y: number; verdict: Verdict; id: string }> = [];
    for (let i = 0; i < 16; i++) {
      const cell = cells.nth(i);
      const b = (await cell.boundingBox())!;
      const verdict = (await cell.getAttribute('data-verdict')) as Verdict;
      const id = `${await cell.getAttribute('data-case')} @ ${await cell.getAttribute('data-target')}`;
      points.push({ x: Math.round(b.x - box.x + 7), y: Math.round(b.y - box.y + b.height / 2), verdict, id });
    }
    const decoder = await browser.newPage();
    const pixels: number[][] = await decoder.evaluate(
      async ({ b64, points }) => {
        const img = new Image();
        img.src = `data:image/png;base64,${b64}`;
        await img.decode();
        const canvas = document.createElement('canvas');
        canvas.width = img.width;
        canvas.height = img.height;
        const ctx = canvas.getContext('2d')!;
        ctx.drawImage(img, 0, 0);
        return points.map((p) => Array.from(ctx.getImageData(p.x, p.y, 1, 1).data.slice(0, 3)));
      },
      { b64: png.toString('base64'), points: points.map(({ x, y }) => ({ x, y })) },
    );

    const seen: Record<Verdict, number> = { pass: 0, fail: 0, infra: 0, skip: 0 };
    points.forEach((p, i) => {
      const want = hex(VERDICT_COLOURS[p.verdict]);
      const got = pixels[i]!;
      const off = Math.max(...want.map((w, k) => Math.abs(w - got[k]!)));
      expect(off, `${p.id}: ${p.verdict} cell is rgb(${got}) not ${VERDICT_COLOURS[p.verdict]}`).toBeLessThanOrEqual(6);
      seen[p.verdict]++;
    });
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
    await decoder.close();
  });
});
