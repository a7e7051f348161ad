/**
 * Test helpers shared by the firmware packages' emulator tests and the hil
 * agent tests: shared-suite cases with expected transcripts, guests for the
 * fault tests, and a transport that corrupts chosen writes.
 */
import { compileCached, loadCases, type GuestCase } from '@mvtk/shared-suite';
import type { Transport } from './transport.js';

/** Cases with an expected transcript, optionally every `stride`-th one. */
export function suiteCases(stride = 1): GuestCase[] {
  return loadCases()
    .filter((c) => c.expected !== undefined)
    .filter((_, i) => i % stride === 0);
}

export function snapshotOf(c: GuestCase): Uint8Array {
  return compileCached(c.id, c.source);
}

/** A guest whose export 0 never returns, and whose export 1 returns 42. */
export function loopGuest(): Uint8Array {
  return compileCached('agent/loop', `vmExport(0, () => { let i = 0; while (true) { i++; } });\nvmExport(1, () => 42);`);
}

/** A guest large enough for many chunks; another `variant` is another image (a board holding one must upload the other). */
export function bigGuest(variant = 0): Uint8Array {
  const body = Array.from({ length: 150 }, (_, i) => `vmExport(${i}, () => 'value number ${i} ' + ${i} * 3);`).join('\n');
  return compileCached(`agent/big-${variant}`, `${body}\nvmExport(150, () => ${variant});`);
}

/**
 * Wraps a transport; `corrupt(n, bytes)` may change the n-th written line
 * (0-based) before it goes out.
 */
export function faultyTransport(inner: Transport, corrupt: (n: number, line: Buffer) => Buffer): Transport {
  let n = 0;
  return {
    description: `${inner.description} (fault injection)`,
    open: () => inner.open(),
    write: (data) => inner.write(corrupt(n++, Buffer.from(data))),
    lines: () => inner.lines(),
    close: () => inner.close(),
  };
}
