/*---
description: powers of three past 2^53, where the printed digits are the shortest round trip
tags: [int32, overflow, number-to-string]
steps:
  - call: 0
---*/
const print = vmImport(1);
vmExport(0, () => {
  let x = 1;
  for (let i = 0; i <= 45; i++) {
    print(i, x);
    x = x * 3;
  }
});
