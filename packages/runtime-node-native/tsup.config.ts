import { defineConfig } from 'tsup';

// runtime-core is bundled (it is not published on its own), types included,
// so the tarball is self-contained: node-gyp-build is the one dependency.
export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: { resolve: true },
  tsconfig: 'tsconfig.build.json',
  noExternal: ['@mvtk/runtime-core'],
  external: ['node-gyp-build'],
  target: 'node20',
  platform: 'node',
  shims: true,
  clean: false,
  sourcemap: true,
});
