import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/cli.ts', 'src/target-worker.ts'],
  format: ['esm'],
  dts: true,
  target: 'node20',
  clean: true,
  // Runtimes load at run time: a missing or unbuilt runtime only removes its target.
  external: ['@mvtk/runtime-wasm', '@mvtk/runtime-node-native', '@mvtk/compiler', '@mvtk/port'],
  sourcemap: true,
});
