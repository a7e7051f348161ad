/**
 * Compiling cases once: snapshots are cached in `build/snapshots/`, keyed by
 * a hash of the source, the compiler version and the port settings.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { buildDir } from './paths.js';
import { compileGuest } from '@mvtk/compiler';
import { includeDir } from '@mvtk/port';

export const defaultCacheDir = join(buildDir, 'snapshots');

let compilerKey: string | undefined;
function getCompilerKey(): string {
  if (compilerKey === undefined) {
    const require = createRequire(import.meta.url);
    let microviumVersion = 'unknown';
    try {
      const compilerMain = require.resolve('@mvtk/compiler');
      const fromCompiler = createRequire(compilerMain);
      microviumVersion = String(fromCompiler('microvium/package.json').version);
    } catch {
      // The cache key then only loses the version; the port settings still count.
    }
    compilerKey = `microvium ${microviumVersion}\n${readFileSync(join(includeDir, 'mvp_config.h'), 'utf8')}`;
  }
  return compilerKey;
}

export function snapshotKey(source: string): string {
  return createHash('sha256').update(getCompilerKey()).update('\0').update(source).digest('hex');
}

/** The snapshot of a case's source, compiled or from the cache. Throws GuestCompileError. */
export function compileCached(id: string, source: string, cacheDir: string = defaultCacheDir): Uint8Array {
  const path = join(cacheDir, `${snapshotKey(source)}.mvm-bc`);
  if (existsSync(path)) return new Uint8Array(readFileSync(path));
  const { bytes } = compileGuest(source, { filename: `${id}.js` });
  mkdirSync(cacheDir, { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, bytes);
  renameSync(temp, path);
  return bytes;
}
