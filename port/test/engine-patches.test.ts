// The patch pnpm applies at install (patches/microvium@8.0.0.patch) must be
// exactly the per-defect series in engine-patches/, applied in order.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { engineSource, portDir } from '../index.js';

const root = join(portDir, '..');
const seriesDir = join(portDir, 'engine-patches');
const series = readdirSync(seriesDir).filter((f) => f.endsWith('.patch')).sort();
const combined = join(root, 'patches', 'microvium@8.0.0.patch');

function patch(dir: string, file: string, reverse = false) {
  execFileSync('patch', ['-p1', '-s', '--no-backup-if-mismatch', ...(reverse ? ['-R'] : []), '-i', file], { cwd: dir });
}

describe('engine patch series', () => {
  it('is numbered, one defect per file, each with a description', () => {
    expect(series.length).toBeGreaterThan(0);
    series.forEach((f, i) => {
      expect(f).toMatch(new RegExp(`^${String(i + 1).padStart(4, '0')}-[a-z0-9-]+\\.patch$`));
      const text = readFileSync(join(seriesDir, f), 'utf8');
      expect(text).toMatch(/^Subject: \[PATCH\] .+/m);
      expect(text.match(/^diff --git /gm)).toHaveLength(1);
    });
  });

  it('applied in order to the pristine engine gives the installed (pnpm-patched) engine', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mvtk-series-'));
    mkdirSync(join(dir, 'dist-c'));
    copyFileSync(engineSource, join(dir, 'dist-c', 'microvium.c'));
    patch(dir, combined, true); // back to the pristine package
    const pristine = readFileSync(join(dir, 'dist-c', 'microvium.c'));
    expect(pristine.includes('MVM_STR_TO_FLOAT64')).toBe(false);
    for (const f of series) patch(dir, join(seriesDir, f));
    expect(readFileSync(join(dir, 'dist-c', 'microvium.c')).equals(readFileSync(engineSource))).toBe(true);
  });
});
