/*---
description: Newton's method for square roots, a fixed sequence of operations
tags: [float]
steps:
  - call: 0
    args: [2]
  - call: 0
    args: [10]
  - call: 0
    args: [1e-10]
  - call: 0
    args: [12345.678]
---*/
vmExport(0, (v) => {
  let x = v;
  for (let i = 0; i < 60; i++) x = (x + v / x) / 2;
  return x;
});
