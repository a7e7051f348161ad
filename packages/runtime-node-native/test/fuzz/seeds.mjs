// Seed guests for the mutated-snapshot corpus: together they use most of the
// bytecode format (functions, closures, classes, objects, arrays, strings,
// numbers, Uint8Array, exceptions, async, imports and exports).
export const seedSources = [
  `const print = vmImport(1);
vmExport(0, (a, b) => { print('sum', a, b); return a + b; });
vmExport(1, (n) => { let s = 0; for (let i = 0; i < n; i++) s += i * 1.5; return s; });`,
  `class Point { constructor(x, y) { this.x = x; this.y = y; } norm() { return this.x * this.x + this.y * this.y; } }
vmExport(0, Point);
vmExport(1, (x) => new Point(x, 2).norm());
vmExport(2, () => ({ a: 1, b: 'two', c: [3, 4, { d: null }], e: undefined, f: true }));`,
  `const host = vmImport(2);
let counter = 0;
function make(step) { return () => { counter += step; return counter; }; }
vmExport(0, make);
vmExport(1, (s) => { const parts = []; for (let i = 0; i < 5; i++) parts.push(s + i); return parts; });
vmExport(2, (x) => { try { host(x); throw { message: 'boom ' + x }; } catch (e) { return e.message; } });
vmExport(3, (x) => host(x, 'y', -0, 0.1, 2 ** 40));`,
  `vmExport(0, (n) => { const b = Microvium.newUint8Array(16); for (let i = 0; i < 16; i++) b[i] = (i * n) & 255; return b; });
vmExport(1, (o) => { const keys = Reflect.ownKeys({ a: 1, b: 2, c: 3 }); return keys.length; });
vmExport(2, (s) => s + '!');
vmExport(3, (x) => typeof x + (x === null) + (x === undefined));`,
  `const sleep = vmImport(3);
async function work(n) { let t = 0; for (let i = 0; i < n; i++) { t += await sleep(i); } return t; }
vmExport(0, work);
vmExport(1, (n) => { const p = work(n); return p; });
vmExport(2, (a) => [a, [a, [a]]]);`,
];
