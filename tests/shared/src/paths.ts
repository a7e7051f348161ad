import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** This package's directory, from `src/` (tests) and from the bundled `dist/`. */
export const packageDir: string = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === '@mvtk/shared-suite') return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the @mvtk/shared-suite package directory');
    dir = parent;
  }
})();

export const defaultCasesDir = join(packageDir, 'cases');
export const buildDir = join(packageDir, 'build');
