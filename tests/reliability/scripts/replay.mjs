#!/usr/bin/env node
// Replays snapshot files (reproducers) through a runtime's public API in one
// process, in order, each exactly as a fuzz case runs (src/fuzz-core.mjs
// runCase):
//
//   node --expose-gc scripts/replay.mjs --runtime wasm|native [--gas G] FILE...
//
// Prints one JSON line per file: the outcome counts, untyped errors, whether
// a fresh VM still works afterwards and (native) VMs left in the addon's
// table after dispose and GC. A crash or a hang shows as the process dying or
// never finishing: that is what a crash or hang reproducer does. Exit status
// 1 if a file gave an untyped error, broke the runtime or leaked a VM.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { compileGuest } from '@mvtk/compiler';
import { runCase, sentinelCheck, SENTINEL_SOURCE } from '../src/fuzz-core.mjs';

const { values: opt, positionals: files } = parseArgs({
  allowPositionals: true,
  options: { runtime: { type: 'string' }, gas: { type: 'string', default: '50000' } },
});
const runtimes = { wasm: '@mvtk/runtime-wasm', native: '@mvtk/runtime-node-native' };
if (!runtimes[opt.runtime] || files.length === 0) {
  process.stderr.write('usage: replay.mjs --runtime wasm|native [--gas G] FILE...\n');
  process.exit(2);
}
const rt = await import(runtimes[opt.runtime]);
await rt.Microvium.ready();
const sentinel = compileGuest(SENTINEL_SOURCE).bytes;
const liveVms = () => (opt.runtime === 'native' ? rt.liveVms() : 0);
const settle = async () => {
  for (let k = 0; k < 3; k++) {
    globalThis.gc?.();
    await new Promise((res) => setTimeout(res, 10));
  }
};
let bad = 0;
for (const file of files) {
  await settle();
  const before = liveVms();
  const counts = {};
  process.stderr.write(`replay ${file}\n`);
  const r = runCase(rt, new Uint8Array(readFileSync(file)), { gas: Number(opt.gas), counts });
  await settle();
  const leakedVms = liveVms() - before;
  let sentinelError;
  try {
    sentinelError = sentinelCheck(rt.Microvium, sentinel);
  } catch (e) {
    sentinelError = String(e);
  }
  if (r.untyped.length || sentinelError || leakedVms > 0) bad++;
  process.stdout.write(`${JSON.stringify({ file, counts, untyped: r.untyped, fatal: r.fatal, sentinel: sentinelError ?? 'ok', leakedVms })}\n`);
}
process.exitCode = bad ? 1 : 0;
