/*---
description: >-
  NaN from 0/0, Infinity-Infinity and undefined arithmetic, and NaN !== NaN
tags: [float, nan]
steps:
  - call: 0
---*/
const print = vmImport(1);
vmExport(0, () => {
  const z = 0;
  const inf = 1 / z;
  const n = z / z;
  print(n, inf - inf, inf * z, undefined + 1, n === n, n !== n, Number.isNaN(n));
  return [n, inf - inf];
});
