/**
 * Test helper: what colour each matrix cell of a rendered HTML report really
 * has, read from a screenshot (so a test checks the picture, not just the
 * markup). Decoding happens in a second page's canvas: no image library.
 */
import type { Browser, Page } from 'playwright-core';
import { VERDICT_COLOURS } from './html.js';
import type { Verdict } from './results.js';

export interface CellColour {
  /** `case @ target`. */
  id: string;
  verdict: Verdict;
  /** The pixel left of the cell's symbol, inside any outline. */
  rgb: number[];
}

export async function matrixCellColours(browser: Browser, page: Page): Promise<{ png: Buffer; cells: CellColour[] }> {
  const matrix = page.locator('#matrix');
  // The whole matrix in the viewport: otherwise the screenshot scrolls, and
  // the sticky header row is drawn over the first rows of cells.
  const full = (await matrix.boundingBox())!;
  const width = page.viewportSize()?.width ?? 1280;
  await page.setViewportSize({ width: Math.max(width, Math.ceil(full.x + full.width + 40)), height: Math.ceil(full.y + full.height + 40) });
  const box = (await matrix.boundingBox())!;
  const png = await matrix.screenshot();
  const cells = page.locator('#matrix td.cell');
  const n = await cells.count();
  const points: Array<{ x: number; y: number; verdict: Verdict; id: string }> = [];
  for (let i = 0; i < n; i++) {
    const cell = cells.nth(i);
    const b = (await cell.boundingBox())!;
    const verdict = (await cell.getAttribute('data-verdict')) as Verdict;
    const id = `${await cell.getAttribute('data-case')} @ ${await cell.getAttribute('data-target')}`;
    points.push({ x: Math.round(b.x - box.x + 7), y: Math.round(b.y - box.y + b.height / 2), verdict, id });
  }
  const decoder = await browser.newPage();
  try {
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
    return { png, cells: points.map((p, i) => ({ id: p.id, verdict: p.verdict, rgb: pixels[i]! })) };
  } finally {
    await decoder.close();
  }
}

/** How far (largest channel difference, 0-255) a sampled cell is from its verdict's colour. */
export function colourDistance(cell: CellColour): number {
  const want = [1, 3, 5].map((i) => parseInt(VERDICT_COLOURS[cell.verdict].slice(i, i + 2), 16));
  return Math.max(...want.map((w, k) => Math.abs(w - cell.rgb[k]!)));
}
