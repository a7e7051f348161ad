/*---
description: >-
  echo returns a copy of plain data (copy and original then change
  independently) and the value itself when the encoding cannot carry it: a
  function inside, or nesting deeper than 8 levels counting the argument
  (FORMAT.md, imports)
tags: [host, echo]
steps:
  - call: 0
  - call: 1
  - call: 2
---*/
const echo = vmImport(2);
vmExport(0, () => {
  const t = [1, { b: [2] }, 'three'];
  const c = echo(t);
  c[0] = 10;
  c[1].b[0] = 20;
  return [c === t, c[1] === t[1], t, c];
});
vmExport(1, () => {
  const f = (x) => x + 1;
  const t = [f, { g: f }];
  const c = echo(t);
  return [c === t, c[1] === t[1], echo(f) === f, c[0](1)];
});
vmExport(2, () => {
  const seven = [[[[[[[7]]]]]]];
  const eight = [[[[[[[[8]]]]]]]];
  return [echo(seven) === seven, echo(eight) === eight, echo(seven)[0][0][0][0][0][0][0]];
});
