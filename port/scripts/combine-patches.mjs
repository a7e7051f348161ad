// Regenerates patches/microvium@8.0.0.patch (what pnpm applies at install)
// from the per-defect series in engine-patches/. Run after adding or editing
// a patch in the series, then `pnpm install` to re-apply it.
//
// The pristine engine is recovered by reversing the current combined patch on
// the installed (patched) file, so no download is needed.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { engineSource, portDir } from '../index.js';

const root = join(portDir, '..');
const combined = join(root, 'patches', 'microvium@8.0.0.patch');
const seriesDir = join(portDir, 'engine-patches');
const work = mkdtempSync(join(tmpdir(), 'mvtk-combine-'));
for (const side of ['a', 'b']) mkdirSync(join(work, side, 'dist-c'), { recursive: true });

const patch = (dir, file, reverse) =>
  execFileSync('patch', ['-p1', '-s', '--no-backup-if-mismatch', ...(reverse ? ['-R'] : []), '-i', file], { cwd: dir });

copyFileSync(engineSource, join(work, 'a', 'dist-c', 'microvium.c'));
patch(join(work, 'a'), combined, true);
copyFileSync(join(work, 'a', 'dist-c', 'microvium.c'), join(work, 'b', 'dist-c', 'microvium.c'));
for (const f of readdirSync(seriesDir).filter((f) => f.endsWith('.patch')).sort()) {
  patch(join(work, 'b'), join(seriesDir, f), false);
}
const diff = spawnSync(
  'diff',
  ['-u', '--label', 'a/dist-c/microvium.c', '--label', 'b/dist-c/microvium.c', 'a/dist-c/microvium.c', 'b/dist-c/microvium.c'],
  { cwd: work, encoding: 'utf8' },
);
if (diff.status !== 1) throw new Error(`diff failed: ${diff.stderr}`);
writeFileSync(combined, `diff --git a/dist-c/microvium.c b/dist-c/microvium.c\n${diff.stdout}`);
console.log(`wrote ${combined}; now run: pnpm install`);
