/**
 * Every saved reproducer (reproducers/index.json: inputs found by the fuzzer
 * that crash, hang, leak or break a runtime) replayed through the public API
 * in a child process with a 6 s guard (scripts/replay.mjs). What any
 * snapshot must get: the process neither dies nor hangs, every failure is a
 * MicroviumError or a guest value, a fresh VM is served correctly
 * afterwards, no VM is left in the native addon's table. Each entry fails
 * until its bug is fixed; the expectation is the same for all. Runtime
 * `native-asan` is the native addon built with AddressSanitizer (fuzz.mjs
 * --asan), for memory errors the plain build does not crash on; any report
 * ends the replay with status 86.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { asanAddonEnv, buildAsanAddon } from '../../../packages/runtime-node-native/test/harness/build-harness.mjs';
import { reproducersDir, runNode, scriptsDir } from './helpers.js';

interface Entry {
  file: string;
  previous?: string;
  runtimes: ('wasm' | 'native' | 'native-asan')[];
  what: string;
  bug: string;
}
const index = JSON.parse(readFileSync(join(reproducersDir, 'index.json'), 'utf8')) as { reproducers: Entry[] };
const cases = index.reproducers.flatMap((e) => e.runtimes.map((runtime) => ({ ...e, runtime })));

let asanEnv: NodeJS.ProcessEnv | undefined;
const envFor = (runtime: Entry['runtimes'][number]) =>
  runtime === 'native-asan' ? (asanEnv ??= { ...process.env, ...asanAddonEnv(buildAsanAddon()) }) : process.env;

describe('saved reproducers', () => {
  it.each(cases)('$file on $runtime: no crash, no hang, typed errors only, the runtime still serves VMs', async (e) => {
    const files = [...(e.previous ? [e.previous] : []), e.file].map((f) => join(reproducersDir, f));
    const runtime = e.runtime === 'native-asan' ? 'native' : e.runtime;
    const r = await runNode(join(scriptsDir, 'replay.mjs'), ['--runtime', runtime, ...files], {
      nodeArgs: ['--expose-gc'],
      timeoutMs: e.runtime === 'native-asan' ? 60_000 : 6_000, // the first one builds the addon
      env: envFor(e.runtime),
    });
    const why = `${e.what}: ${e.bug}\n--- stderr:\n${r.stderr.split('\n').filter((l) => l.length < 400).slice(-12).join('\n')}`;
    expect(r.timedOut, `hung — ${why}`).toBe(false);
    expect(r.signal, `killed by ${r.signal} — ${why}`).toBe(null);
    const results = r.stdout
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { untyped: { error: string }[]; sentinel: string; leakedVms: number });
    expect(results, `the process ended early (exit ${r.code}) — ${why}`).toHaveLength(files.length);
    for (const x of results) {
      expect(x.untyped.map((u) => u.error), why).toEqual([]);
      expect(x.sentinel, why).toBe('ok');
      expect(x.leakedVms, why).toBe(0);
    }
    expect(r.code, why).toBe(0);
  });
});
