import { build } from 'esbuild';
import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/cli.ts', 'src/target-worker.ts'],
  format: ['esm'],
  dts: true,
  target: 'node20',
  clean: true,
  // Runtimes load at run time: a missing or unbuilt runtime only removes its target.
  external: ['@mvtk/runtime-wasm', '@mvtk/runtime-node-native', '@mvtk/compiler', '@mvtk/port', 'playwright-core'],
  sourcemap: true,
  // The wasm-chromium target's page side, after the clean, so it is not
  // removed: runtime.ts's transcript logic bundled for the browser (the page
  // imports runtime-wasm's own bundle separately, by URL).
  async onSuccess() {
    await build({
      entryPoints: ['src/targets/chromium-page.ts'],
      outfile: 'dist/browser/suite-page.js',
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'chrome120',
      sourcemap: true,
      logLevel: 'warning',
      // format.ts imports yaml only to parse cases; the page never does, so
      // let the bundler drop it (the package does not declare itself pure).
      plugins: [
        {
          name: 'yaml-has-no-side-effects',
          setup(b) {
            b.onResolve({ filter: /^yaml$/ }, async (args) => {
              if (args.pluginData?.inner) return undefined;
              const r = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, pluginData: { inner: true } });
              return { ...r, sideEffects: false };
            });
          },
        },
      ],
    });
  },
});
