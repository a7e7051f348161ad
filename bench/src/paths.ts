/** Where things are: this package, the repository, the artefacts it measures. */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** bench/ (this file is bench/src/paths.ts, or bundled into bench/dist/*.js). */
export const benchDir = join(dirname(fileURLToPath(import.meta.url)), '..');
export const repoDir = join(benchDir, '..');
export const guestsDir = join(benchDir, 'guests');
export const buildDir = join(benchDir, 'build');
export const resultsDir = join(benchDir, 'results');
export const distDir = join(benchDir, 'dist');

export const runtimeWasmDir = join(repoDir, 'packages', 'runtime-wasm');
export const runtimeNativeDir = join(repoDir, 'packages', 'runtime-node-native');
export const runtimeCoreDir = join(repoDir, 'packages', 'runtime-core');
export const firmwareDir = join(repoDir, 'firmware');
export const readmePath = join(repoDir, 'README.md');
