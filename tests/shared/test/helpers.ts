/**
 * Helpers for the suite's own tests: temp copies of cases, the built CLI.
 * The tests need `pnpm run build` first (the runtime targets run in
 * dist/target-worker.js, wasm-chromium loads dist/browser/suite-page.js).
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { defaultCasesDir } from '../src/cases.js';
import { packageDir } from '../src/paths.js';

export const cliPath = join(packageDir, 'dist', 'cli.js');

/** A fresh cases directory holding copies of `ids` (with their .expected files). */
export function copyCases(ids: readonly string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'mvtk-suite-cases-'));
  for (const id of ids) {
    mkdirSync(join(dir, dirname(id)), { recursive: true });
    for (const ext of ['.js', '.expected']) {
      const from = join(defaultCasesDir, `${id}${ext}`);
      if (!existsSync(from)) throw new Error(`no ${from}`);
      copyFileSync(from, join(dir, `${id}${ext}`));
    }
  }
  return dir;
}

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI (asynchronously, so a slow run does not block the test runner). */
export function runCli(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  if (!existsSync(cliPath)) throw new Error(`${cliPath} is missing: run pnpm run build first`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** The summary line the CLI ends with. */
export function summaryLine(stdout: string): string {
  return stdout.trimEnd().split('\n').at(-1) ?? '';
}
