/**
 * Isolation, on both runtimes: everything passed into a VM is copied
 * (changing the host value after the call changes nothing in the guest, and
 * the guest changing its copy changes nothing on the host); a guest cannot
 * mutate a host object, reach another VM (a value of one VM passed to
 * another is a TypeError, at any depth), or keep a host object alive (a
 * FinalizationRegistry and gc() in a child process: test/fixtures/isolation-gc.mjs).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileGuest } from '@mvtk/compiler';
import * as wasm from '@mvtk/runtime-wasm';
import * as native from '@mvtk/runtime-node-native';
import { fixturesDir, lastJson, runNode } from './helpers.js';

const runtimes = { wasm, native } as const;

const guestSource = `
let stored;
vmExport(0, (x) => { stored = x; return 0; });
vmExport(1, () => stored);
vmExport(2, () => { stored.a = 'guest'; stored.nested.list.push(99); stored.nested.list[0] = -1; return stored.a; });
vmExport(3, (o) => { o.a = 'guest'; o.nested.list.push(99); o.b = undefined; o.added = true; return Reflect.ownKeys(o).length; });
vmExport(4, (b) => { b[0] = 255; return b[0]; });
vmExport(5, () => stored[0]);
vmExport(6, () => ({ secret: 'vm-one', inner: { n: 1 } }));
vmExport(7, (x) => typeof x);
vmExport(8, (f) => f());
// (An array literal in a function makes the compiler keep Array.prototype:
// without one, arrays passed in have no push.)
vmExport(9, () => []);
`;
const snapshot = compileGuest(guestSource).bytes;

describe.each(['wasm', 'native'] as const)('isolation on the %s runtime', (name) => {
  const { Microvium, MicroviumError } = runtimes[name];
  const open = async () => {
    await Microvium.ready();
    return Microvium.restoreSync(snapshot, {});
  };

  it('copies plain objects and arrays in: later host changes do not reach the guest', async () => {
    using vm = await open();
    const host = { a: 'host', b: 2, nested: { list: [1, 2, 3] } };
    vm.exports[0](host);
    host.a = 'changed';
    host.nested.list.push(4);
    host.nested.list[0] = 100;
    (host as Record<string, unknown>).extra = true;
    const seen = vm.exports[1]();
    expect(seen.a).toBe('host');
    expect([...seen.nested.list]).toEqual([1, 2, 3]);
    expect(Reflect.ownKeys(seen).filter((k) => typeof k === 'string').sort()).toEqual(['a', 'b', 'nested']);
  });

  it('the guest changing its copy (or the object it was called with) does not change the host object', async () => {
    using vm = await open();
    const host = { a: 'host', b: 2, nested: { list: [1, 2, 3] } };
    const before = structuredClone(host);
    vm.exports[0](host);
    expect(vm.exports[2]()).toBe('guest');
    expect(vm.exports[3](host)).toBe(4);
    expect(host).toEqual(before);
    // ...while the guest's own copy did change
    const seen = vm.exports[1]();
    expect(seen.a).toBe('guest');
    expect([...seen.nested.list]).toEqual([-1, 2, 3, 99]);
  });

  it('copies Uint8Arrays both ways', async () => {
    using vm = await open();
    const bytes = new Uint8Array([1, 2, 3]);
    vm.exports[0](bytes);
    bytes[0] = 42;
    expect(vm.exports[5]()).toBe(1);
    expect(vm.exports[4](bytes)).toBe(255);
    expect([...bytes]).toEqual([42, 2, 3]);
    // A guest buffer read out is a copy too.
    const copy = vm.exports[1]().toUint8Array();
    copy[0] = 7;
    expect(vm.exports[5]()).toBe(1);
  });

  it('a guest object seen by the host is a view of the guest, not shared with any host object', async () => {
    using vm = await open();
    const out = vm.exports[6]();
    const plain = JSON.parse(JSON.stringify(out));
    plain.secret = 'host';
    expect(out.secret).toBe('vm-one');
    out.secret = 'written through the proxy'; // a host write into the guest is a copy too
    expect(plain.secret).toBe('host');
    const data = { v: 1 };
    out.inner = data;
    data.v = 2;
    expect(out.inner.v).toBe(1);
  });

  it('a value of one VM passed to another VM is a TypeError, at any depth, and nothing reaches the other VM', async () => {
    using one = await open();
    using two = await open();
    const proxy = one.exports[6]();
    const fn = one.exports[1];
    for (const bad of [proxy, fn, [proxy], { deep: { list: [1, proxy] } }, proxy.inner]) {
      expect(() => two.exports[0](bad)).toThrow(TypeError);
    }
    expect(() => two.exports[8](fn)).toThrow(TypeError);
    expect(() => {
      const target = two.exports[6]();
      target.x = proxy;
    }).toThrow(TypeError);
    // The other VM kept nothing of it.
    expect(two.exports[1]()).toBe(undefined);
    // And functions of the host itself never enter a VM.
    expect(() => two.exports[0](() => 1)).toThrow(TypeError);
    expect(() => two.exports[0]({ f: Math.max })).toThrow(TypeError);
    expect(() => two.exports[0](new Map())).toThrow(TypeError);
    // Both VMs still work.
    expect(one.exports[7]('x')).toBe('string');
    expect(two.exports[7](1)).toBe('number');
    expect(MicroviumError).toBeTypeOf('function');
  });

  it('a guest cannot keep a host object alive: what was passed in is collected while the VM and its copy live on', async () => {
    const r = await runNode(join(fixturesDir, 'isolation-gc.mjs'), [name], { nodeArgs: ['--expose-gc'], timeoutMs: 60_000 });
    expect(r.code, r.stderr.slice(-2000)).toBe(0);
    const out = lastJson<any>(r.stdout);
    expect(out.vmAlive).toBe(true);
    expect(out.guestCopies).toEqual({ object: 7, nested: 'x', array: 7, bytes: 7, keptLength: 190 });
    for (const kind of ['object', 'nested', 'array', 'bytes']) expect(out.finalized[kind], kind).toBe(out.registered[kind]);
    // Host errors thrown into the guest: the runtime keeps the last 16 (to
    // rethrow the original if the guest throws it back), no more, and lets
    // them go with the VM.
    expect(out.finalized.error).toBeGreaterThanOrEqual(40 - 16);
    expect(out.errorsFinalizedAfterDrop).toBe(40);
  });
});
