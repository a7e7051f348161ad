// Host/guest boundary: calls with ints, a string and a plain object, an
// import round trip, an object the host reads and writes through a proxy.
const hostAdd = vmImport(1);
const obj = { a: 1, b: 'two' };
vmExport(1, (a, b) => a + b);
vmExport(2, (a, b) => hostAdd(a, b));
vmExport(3, (s) => (s === 'sixteen chars!!!' ? 1 : 0));
vmExport(4, (o) => o.a + o.b);
vmExport(5, () => obj);
