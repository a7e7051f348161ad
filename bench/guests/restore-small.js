// A small snapshot (about 100 bytes): two exports and a little state.
const config = { id: 7, name: 'dev' };
vmExport(1, (a, b) => a + b);
vmExport(2, () => config.id);
