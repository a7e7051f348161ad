/*---
description: >-
  Euclid with % in a loop
tags: [control, int32]
steps:
  - call: 0
    args: [1071, 462]
  - call: 0
    args: [2147483646, 1073741823]
  - call: 0
    args: [17, 5]
---*/
vmExport(0, (a, b) => {
  let x = a;
  let y = b;
  while (y !== 0) { const t = x % y; x = y; y = t; }
  return [x, a / x * b];
});
