import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readPortConfig } from '@mvtk/port';
import { describe, expect, it } from 'vitest';
import { compileGuest, compilerOptionsFromPort, GuestCompileError } from './index.js';

const cli = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'cli.js');

describe('compileGuest', () => {
  it('produces a Microvium 8 snapshot whose header states its own size', () => {
    const { bytes } = compileGuest('vmExport(1, (a, b) => a + b);');
    expect(bytes[0]).toBe(8); // bytecode version of microvium@8.0.0
    const sizeInHeader = bytes[4]! | (bytes[5]! << 8);
    expect(sizeInHeader).toBe(bytes.length);
  });

  it('is deterministic: the same source gives the same bytes', () => {
    const src = 'let n = 0; vmExport(1, () => ++n); vmExport(2, () => "s" + n);';
    expect(compileGuest(src).bytes).toEqual(compileGuest(src).bytes);
  });

  it('takes overflow checks from the port settings (mvp_config.h)', () => {
    const port = readPortConfig();
    expect(compilerOptionsFromPort()).toEqual({ overflowChecks: port.INT32_OVERFLOW_CHECKS === 1 });
    // With overflow checks, int32 arithmetic overflows into doubles at
    // compile time too, as on every target.
    const { compileTimeOutput } = compileGuest('const print = vmImport(1); print(2147483647 + 1, -2147483648 - 1);');
    expect(compileTimeOutput).toEqual(port.INT32_OVERFLOW_CHECKS ? ['2147483648 -2147483649'] : ['-2147483648 2147483647']);
  });

  it('reports a syntax error as a GuestCompileError naming the file', () => {
    let error: unknown;
    try {
      compileGuest('vmExport(1, () => { return ; ', { filename: 'broken.js' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(GuestCompileError);
    expect((error as GuestCompileError).message).toMatch(/^broken\.js: /);
    expect((error as GuestCompileError).code).toBe('MVTK_GUEST_COMPILE');
  });
});

describe('mvtk-compile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mvtk-compile-'));
  const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { cwd: dir, encoding: 'utf8' });

  it('writes NAME.mvm-bc next to the source, with the same bytes as the API', () => {
    const src = 'vmExport(3, () => 42);';
    writeFileSync(join(dir, 'guest.js'), src);
    const r = run('guest.js');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(new Uint8Array(readFileSync(join(dir, 'guest.mvm-bc')))).toEqual(compileGuest(src).bytes);
  });

  it('exits 1 with the error on a guest that does not compile, 2 on bad usage', () => {
    writeFileSync(join(dir, 'bad.js'), 'vmExport(');
    const bad = run('bad.js');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/bad\.js: /);
    expect(run().status).toBe(2);
    expect(run('a.js', 'b.js', '-o', 'x.mvm-bc').status).toBe(2);
  });
});
