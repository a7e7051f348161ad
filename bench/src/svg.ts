/** Horizontal grouped bar charts as standalone SVG (no dependencies). */
import { sig } from './stats.js';

export interface Series {
  name: string;
  values: (number | undefined)[];
  /** Text shown instead of a bar when the value is missing. */
  missing?: (string | undefined)[];
}

export interface BarChart {
  title: string;
  subtitle?: string;
  categories: string[];
  series: Series[];
  /** Axis label, e.g. "time / runtime-wasm (log scale)". */
  unit: string;
  log?: boolean;
  /** A vertical reference line (e.g. 1.0 = runtime-wasm). */
  reference?: { value: number; label: string };
  /** Per category, a limit drawn as a red tick (e.g. a budget). */
  limits?: (number | undefined)[];
  format?: (v: number) => string;
}

const palette = ['#4269d0', '#efb118', '#ff725c', '#6cc5b0', '#3ca951', '#ff8ab7', '#a463f2', '#97bbf5', '#9c6b4e', '#9498a0'];

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function niceMax(x: number): number {
  if (!(x > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (m * p >= x) return m * p;
  return 10 * p;
}

export function renderBarChart(c: BarChart): string {
  const fmt = c.format ?? ((v: number) => sig(v));
  // Room for the longest category label (about 6.5 px per character at 11 px).
  const labelW = Math.min(380, Math.max(120, Math.ceil(Math.max(...c.categories.map((t) => t.length)) * 6.5) + 16));
  const plotW = 520;
  const valueW = 90;
  const barH = 11;
  const gap = 2;
  const groupGap = 10;
  const legendRows = Math.ceil(c.series.length / 4);
  const top = 46 + (c.subtitle ? 16 : 0) + legendRows * 16 + 8;
  const groupH = c.series.length * (barH + gap) + groupGap;
  const height = top + c.categories.length * groupH + 40;
  // Wide enough for the title (15 px bold: about 8.6 px per character) and four legend columns.
  const width = Math.max(labelW + plotW + valueW + 20, Math.ceil(c.title.length * 8.6) + 24, 820);

  const all = [
    ...c.series.flatMap((s) => s.values.filter((v): v is number => v !== undefined && Number.isFinite(v) && v > 0)),
    ...(c.limits ?? []).filter((v): v is number => v !== undefined),
    ...(c.reference ? [c.reference.value] : []),
  ];
  let x: (v: number) => number;
  const ticks: number[] = [];
  if (c.log) {
    const lo = 10 ** Math.floor(Math.log10(Math.min(...all, 1)));
    const hi = 10 ** Math.ceil(Math.log10(Math.max(...all, 1)));
    const span = Math.log10(hi) - Math.log10(lo) || 1;
    x = (v) => labelW + ((Math.log10(Math.max(v, lo)) - Math.log10(lo)) / span) * plotW;
    for (let t = lo; t <= hi * 1.0001; t *= 10) {
      ticks.push(t);
      if (span <= 2 && t * 3 < hi) ticks.push(t * 3);
    }
  } else {
    const hi = niceMax(Math.max(...all, 0) * 1.05);
    x = (v) => labelW + (Math.max(v, 0) / hi) * plotW;
    for (let i = 0; i <= 5; i++) ticks.push((hi * i) / 5);
  }

  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, -apple-system, Segoe UI, Helvetica, Arial, sans-serif" font-size="11">`,
  );
  out.push(`<rect width="100%" height="100%" fill="#ffffff"/>`);
  out.push(`<text x="12" y="22" font-size="15" font-weight="600">${esc(c.title)}</text>`);
  let y = 22;
  if (c.subtitle) {
    y += 16;
    out.push(`<text x="12" y="${y}" fill="#555">${esc(c.subtitle)}</text>`);
  }
  y += 10;
  c.series.forEach((s, i) => {
    const lx = 12 + (i % 4) * 200;
    const ly = y + Math.floor(i / 4) * 16 + 8;
    out.push(`<rect x="${lx}" y="${ly - 9}" width="10" height="10" fill="${palette[i % palette.length]}"/>`);
    out.push(`<text x="${lx + 14}" y="${ly}">${esc(s.name)}</text>`);
  });
  const plotBottom = top + c.categories.length * groupH;
  for (const t of ticks) {
    const tx = x(t);
    out.push(`<line x1="${tx.toFixed(1)}" y1="${top - 4}" x2="${tx.toFixed(1)}" y2="${plotBottom}" stroke="#e4e4e4"/>`);
    const tick = fmt(t).replace(/\.0+(?=\D*$)/, ''); // 30.0 -> 30, 1.0× -> 1×
    out.push(`<text x="${tx.toFixed(1)}" y="${plotBottom + 14}" text-anchor="middle" fill="#555">${esc(tick)}</text>`);
  }
  out.push(`<text x="${labelW + plotW / 2}" y="${plotBottom + 30}" text-anchor="middle" fill="#333">${esc(c.unit)}</text>`);
  if (c.reference) {
    const rx = x(c.reference.value);
    out.push(`<line x1="${rx.toFixed(1)}" y1="${top - 8}" x2="${rx.toFixed(1)}" y2="${plotBottom}" stroke="#333" stroke-dasharray="4 3"/>`);
    out.push(`<text x="${(rx + 3).toFixed(1)}" y="${top - 10}" fill="#333">${esc(c.reference.label)}</text>`);
  }
  c.categories.forEach((cat, g) => {
    const gy = top + g * groupH;
    const mid = gy + (c.series.length * (barH + gap)) / 2;
    out.push(`<text x="${labelW - 8}" y="${(mid + 4).toFixed(1)}" text-anchor="end">${esc(cat)}</text>`);
    c.series.forEach((s, i) => {
      const v = s.values[g];
      const by = gy + i * (barH + gap);
      if (v === undefined || !Number.isFinite(v)) {
        const why = s.missing?.[g] ?? 'n/a';
        out.push(`<text x="${labelW + 4}" y="${by + barH - 2}" fill="#999" font-style="italic">${esc(`${s.name}: ${why}`)}</text>`);
        return;
      }
      const w = Math.max(1, x(v) - labelW);
      out.push(
        `<rect x="${labelW}" y="${by}" width="${w.toFixed(1)}" height="${barH}" fill="${palette[i % palette.length]}"><title>${esc(`${s.name}: ${fmt(v)}`)}</title></rect>`,
      );
      const limitX = c.limits?.[g] !== undefined ? x(c.limits[g]!) : 0;
      const tx = Math.max(labelW + w, limitX) + 4;
      out.push(`<text x="${tx.toFixed(1)}" y="${by + barH - 2}" fill="#333">${esc(fmt(v))}</text>`);
    });
    const limit = c.limits?.[g];
    if (limit !== undefined) {
      const lx = x(limit);
      out.push(`<line x1="${lx.toFixed(1)}" y1="${gy - 2}" x2="${lx.toFixed(1)}" y2="${gy + c.series.length * (barH + gap)}" stroke="#d62728" stroke-width="2"><title>budget ${esc(fmt(limit))}</title></line>`);
    }
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
