// A fresh, offline PlatformIO core dir per run: tool-scons is seeded from
// Debian's `scons` package (PlatformIO would otherwise download it), telemetry
// and update checks are off. Used by build.mjs and the tests.
import { existsSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const firmwareDir = join(dirname(fileURLToPath(import.meta.url)), '..');
export const repoDir = join(firmwareDir, '..');

/** The pio executable: PATH (pnpm puts node_modules/.bin there), then setup.sh's venv. */
export function findPio() {
  const candidates = [
    process.env.MVTK_PIO,
    join(repoDir, 'node_modules', '.bin', 'pio'),
    join(homedir(), '.cache', 'mvtk', 'pio-6.1.19', 'bin', 'pio'),
  ].filter(Boolean);
  for (const c of candidates) if (existsSync(c)) return c;
  return 'pio';
}

/** The SCons package Debian installs (apt `scons`). */
function debianScons() {
  for (const d of ['/usr/lib/python3/dist-packages/SCons', '/usr/lib/scons/SCons']) {
    if (existsSync(join(d, '__init__.py'))) return d;
  }
  throw new Error('Debian scons is not installed (apt install scons)');
}

/** Creates the core dir; returns the environment for pio. */
export function offlinePioEnv(coreDir = mkdtempSync(join(tmpdir(), 'mvtk-pio-'))) {
  const scons = join(coreDir, 'packages', 'tool-scons');
  if (!existsSync(join(scons, 'scons.py'))) {
    mkdirSync(scons, { recursive: true });
    symlinkSync(debianScons(), join(scons, 'SCons'));
    writeFileSync(
      join(scons, 'scons.py'),
      '# Offline stand-in for PlatformIO\'s tool-scons: Debian\'s SCons.\nimport os, sys\nsys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))\nfrom SCons.Script import main\nmain()\n',
    );
    // The version pio 6.1.19 asks for (platformio/dependencies.py: ~4.40801.0).
    writeFileSync(join(scons, 'package.json'), JSON.stringify({ name: 'tool-scons', version: '4.40801.0' }));
    writeFileSync(
      join(scons, '.piopm'),
      JSON.stringify({
        type: 'tool',
        name: 'tool-scons',
        version: '4.40801.0',
        spec: { owner: 'platformio', id: null, name: 'tool-scons', requirements: null, uri: null },
      }),
    );
  }
  return {
    ...process.env,
    PLATFORMIO_CORE_DIR: coreDir,
    PLATFORMIO_SETTING_ENABLE_TELEMETRY: 'No',
    PLATFORMIO_SETTING_CHECK_PLATFORMIO_INTERVAL: '3650',
    PLATFORMIO_SETTING_CHECK_PRUNE_SYSTEM_THRESHOLD: '0',
    PLATFORMIO_NO_ANSI: '1',
    PLATFORMIO_DISABLE_PROGRESSBAR: 'true',
  };
}

/** The engine directory and version, from @mvtk/port (never copied). */
export async function engineInfo() {
  const port = await import(join(repoDir, 'port', 'index.js'));
  const pkg = JSON.parse(
    execFileSync('node', ['-p', 'JSON.stringify(require("microvium/package.json"))'], { cwd: join(repoDir, 'port') }).toString(),
  );
  return { engineDir: port.engineDir, version: pkg.version };
}
