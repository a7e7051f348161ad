/*---
description: adding 0.1 ten times accumulates rounding error
tags: [float, number-to-string]
steps:
  - call: 0
    args: [10]
  - call: 0
    args: [100]
---*/
const print = vmImport(1);
vmExport(0, (n) => {
  let x = 0;
  for (let i = 0; i < n; i++) x += 0.1;
  print(x);
  return x;
});
