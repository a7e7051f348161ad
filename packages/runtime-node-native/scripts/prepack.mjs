// `pnpm pack` / `pnpm publish`: make the tarball self-contained.
//
//  - dist/ (tsup) and prebuilds/<platform>-<arch>/*.node (prebuildify --napi)
//    must exist: built now if missing.
//  - dist/csrc/: a copy of the C sources the addon compiles besides its own
//    c/ (the port layer, the pinned and patched engine, the shared glue), so
//    install.cjs can build from source where no prebuild matches;
//    scripts/gyp-sources.cjs finds them there. The monorepo never holds this
//    copy anywhere but in dist/ (a build output, not committed).
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { engineDir, includeDir, portSources } from '@mvtk/port';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const glueDir = join(root, '..', 'runtime-core', 'c');
const csrc = join(root, 'dist', 'csrc');
const prebuildDir = join(root, 'prebuilds', `${process.platform}-${process.arch}`);

const hasPrebuild = () => existsSync(prebuildDir) && readdirSync(prebuildDir).some((f) => f.endsWith('.node'));
if (!existsSync(join(root, 'dist', 'index.js')) || !existsSync(join(root, 'dist', 'index.cjs')) || !hasPrebuild()) {
  execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
}
if (!hasPrebuild()) throw new Error(`prepack: no prebuilt addon in ${prebuildDir}`);

/** Copies `files` (absolute paths) into dist/csrc/`sub`, failing on any that is missing. */
function copyInto(sub, files) {
  const dir = join(csrc, sub);
  mkdirSync(dir, { recursive: true });
  for (const file of files) {
    if (!existsSync(file)) throw new Error(`prepack: missing C source ${file}`);
    copyFileSync(file, join(dir, file.split(/[\\/]/).pop()));
  }
}

// Start clean: a stale file from an older layout must not ship.
rmSync(csrc, { recursive: true, force: true });
const headers = readdirSync(includeDir).filter((f) => f.endsWith('.h')).map((f) => join(includeDir, f));
copyInto('port', [...headers, ...portSources]);
const engineLicense = join(engineDir, '..', 'LICENSE');
copyInto('engine', [join(engineDir, 'microvium.c'), join(engineDir, 'microvium.h'), ...(existsSync(engineLicense) ? [engineLicense] : [])]);
copyInto('glue', [join(glueDir, 'mvr.c'), join(glueDir, 'mvr.h')]);
console.log(`prepack: C sources for a source build copied to ${csrc}`);
