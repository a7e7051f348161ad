/** Builds the native agent (firmware/agent/host) with the host's gcc. */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const firmwareDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'firmware');

export function nativeAgentPath(): string {
  return join(firmwareDir, 'agent', 'build', 'mva-host');
}

/** Runs firmware/scripts/build.mjs --native (skipped when up to date). */
export function buildNativeAgent(): string {
  execFileSync(process.execPath, [join(firmwareDir, 'scripts', 'build.mjs'), '--native'], { stdio: 'inherit' });
  const out = nativeAgentPath();
  if (!existsSync(out)) throw new Error(`native agent not built at ${out}`);
  return out;
}
