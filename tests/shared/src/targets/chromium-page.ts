/**
 * The `wasm-chromium` target's code inside the page: the same transcript
 * logic as `wasm-node` (runtime.ts) over runtime-wasm's browser bundle,
 * which the page imports from the URL the host gives. Bundled for the
 * browser by tsup.config.ts into dist/browser/suite-page.js.
 *
 * Bytes cross the page boundary as base64 (the evaluate channel carries
 * JSON-like values); steps cross as they are (playwright keeps NaN, the
 * infinities, -0 and undefined).
 */
import type { Step } from '../format.js';
import type { Target } from '../target.js';
import { runtimeTarget, type RuntimeModule } from './runtime.js';

export interface PageRunResult {
  transcript?: string[];
  /** Base64 of each captured snapshot. */
  snapshots?: string[];
  error?: string;
  infrastructure?: boolean;
}

let target: Target | undefined;

/** Loads the runtime (an ES module URL) and prepares the target; returns the browser's user agent. */
export async function start(runtimeUrl: string, name: string): Promise<string> {
  const runtime = (await import(/* @vite-ignore */ runtimeUrl)) as RuntimeModule;
  target = runtimeTarget(name, runtime);
  return navigator.userAgent;
}

export async function run(snapshotBase64: string, steps: Step[]): Promise<PageRunResult> {
  if (!target) return { error: 'the page has not loaded the runtime', infrastructure: true };
  try {
    const result = await target.run(fromBase64(snapshotBase64), steps);
    return { transcript: result.transcript, snapshots: result.snapshots.map(toBase64) };
  } catch (error) {
    const e = error as Error;
    return { error: e?.message ?? String(error), infrastructure: e?.name === 'TargetInfrastructureError' };
  }
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
