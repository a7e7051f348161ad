// Puts the raw engine next to the bundles, for the `@mvtk/runtime-wasm/wasm` export.
import { copyFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
const pkg = join(dirname(fileURLToPath(import.meta.url)), '..');
copyFileSync(join(pkg, 'build', 'microvium.wasm'), join(pkg, 'dist', 'microvium.wasm'));
