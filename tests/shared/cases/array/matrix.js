/*---
description: a 4x4 matrix product with nested arrays
tags: [array, float]
steps:
  - call: 0
---*/
vmExport(0, () => {
  const n = 4;
  const a = [];
  const b = [];
  for (let i = 0; i < n; i++) {
    a.push([]);
    b.push([]);
    for (let j = 0; j < n; j++) { a[i].push(i + j * 0.5); b[i].push(i === j ? 2 : 0.25); }
  }
  const c = [];
  for (let i = 0; i < n; i++) {
    c.push([]);
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += a[i][k] * b[k][j];
      c[i].push(s);
    }
  }
  return c;
});
