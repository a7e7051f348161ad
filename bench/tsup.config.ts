import { defineConfig } from 'tsup';

export default defineConfig({
  // cli: `pnpm bench`; worker: one peer's measurements in a child process;
  // cold: the cold-start probe (a fresh Node process per run).
  entry: ['src/cli.ts', 'src/worker.ts', 'src/cold.ts'],
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  clean: true,
  sourcemap: false,
  splitting: true,
});
