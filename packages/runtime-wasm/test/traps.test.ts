// A WebAssembly trap inside the engine (an out-of-bounds access, stack
// exhaustion) must stop only its own VM, as a fatal MicroviumError.
import { describe, expect, it } from 'vitest';
import { MicroviumError } from '@mvtk/runtime-core';
import { guardTraps } from '../src/backend.js';

describe('trap guard', () => {
  const router = {
    hooks: {
      hostCall: () => 0,
      breakpoint: () => {},
      fatal: (code: number) => new MicroviumError(code, 'stopped', { fatal: true }),
    },
  };
  const exports = {
    memory: 'memory',
    ok: (a: number, b: number) => a + b,
    trap: () => {
      throw new WebAssembly.RuntimeError('memory access out of bounds');
    },
    overflow: () => {
      throw new RangeError('Maximum call stack size exceeded');
    },
    ownFatal: () => {
      throw new MicroviumError(33, 'out of memory', { fatal: true });
    },
  };
  const g = guardTraps(exports as never, router) as unknown as Record<string, (...a: number[]) => number>;

  it('passes calls and non-function exports through', () => {
    expect(g.ok!(2, 3)).toBe(5);
    expect((g as unknown as { memory: string }).memory).toBe('memory');
  });

  it('turns a trap or stack exhaustion into the VM fatal error MVR_E_TRAP, keeping the cause', () => {
    for (const name of ['trap', 'overflow']) {
      let error: unknown;
      try {
        g[name]!();
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(MicroviumError);
      expect(error).toMatchObject({ codeName: 'MVR_E_TRAP', fatal: true });
      expect((error as Error).cause).toBeInstanceOf(Error);
    }
  });

  it('lets the engine’s own fatal errors through unchanged', () => {
    expect(() => g.ownFatal!()).toThrow(expect.objectContaining({ codeName: 'MVM_E_OUT_OF_MEMORY', fatal: true }));
  });
});
