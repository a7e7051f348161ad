import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm', 'cjs'],
  dts: { resolve: ['@mvtk/runtime-core'] },
  clean: true,
  minify: true,
  sourcemap: false,
  target: 'es2022',
  platform: 'neutral',
  // runtime-core is private: bundle it (the published package has no dependencies).
  noExternal: ['@mvtk/runtime-core'],
  treeshake: true,
});
