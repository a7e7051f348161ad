/*---
description: doubling from 1 to 2^64 prints every power exactly
tags: [int32, overflow, number-to-string]
steps:
  - call: 0
---*/
const print = vmImport(1);
vmExport(0, () => {
  let x = 1;
  for (let i = 0; i <= 64; i++) {
    print(i, x);
    x = x * 2;
  }
});
