// A large snapshot (about 20 kB): code plus a table of records and strings
// built when the snapshot was made (restoring copies its heap into the VM).
const records = [];
for (let i = 0; i < 320; i++) {
  records.push({ id: i, price: i * 3 + 0.25, name: 'item-' + i, tags: [i % 7, i % 11] });
}
function find(id) {
  for (let i = 0; i < records.length; i++) if (records[i].id === id) return records[i];
  return undefined;
}
function total(from, to) {
  let t = 0;
  for (let i = from; i < to; i++) t += records[i].price;
  return t;
}
vmExport(1, (a, b) => a + b);
vmExport(2, find);
vmExport(3, total);
