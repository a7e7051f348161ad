/*---
description: nested arrays and objects, and the 8-level encoding limit
tags: [array, encoding]
steps:
  - call: 0
  - call: 1
---*/
vmExport(0, () => [[1, [2, [3]]], [{ a: [4] }]]);
vmExport(1, () => {
  let x = [0];
  for (let i = 1; i < 12; i++) x = [i, x];
  return x;
});
