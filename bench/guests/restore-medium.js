// A medium snapshot (about 3 kB): the state machine's kind of code plus a
// configuration table built when the snapshot was made.
const table = [];
for (let i = 0; i < 90; i++) {
  table.push({ id: i, limit: i * 10 + 5, name: 'sensor-' + i });
}
function lookup(id) {
  for (let i = 0; i < table.length; i++) if (table[i].id === id) return table[i];
  return undefined;
}
function check(id, value) {
  const s = lookup(id);
  if (!s) return -1;
  return value > s.limit ? 1 : 0;
}
vmExport(1, (a, b) => a + b);
vmExport(2, check);
