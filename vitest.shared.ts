// Shared vitest settings: every package writes a JSON report that
// scripts/test-summary.mjs adds up into the closing "N passed, N failed" line.
import { defineConfig } from 'vitest/config';

export function packageTestConfig(overrides: { testTimeout?: number; include?: string[] } = {}) {
  return defineConfig({
    test: {
      include: overrides.include ?? ['{src,test}/**/*.test.ts'],
      testTimeout: overrides.testTimeout ?? 60_000,
      hookTimeout: 300_000,
      reporters: ['default', 'json'],
      outputFile: { json: 'test-results/vitest.json' },
      // C builds and emulators are heavy: one file at a time on 2 cores.
      fileParallelism: false,
    },
  });
}
