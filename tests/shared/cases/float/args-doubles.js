/*---
description: double arguments arrive exactly and return exactly
tags: [float, host, number-to-string]
steps:
  - call: 0
    args: [0.30000000000000004]
  - call: 0
    args: [123456.789]
  - call: 0
    args: [-1e-07]
  - call: 0
    args: [1e+21]
  - call: 0
    args: [4.35]
  - call: 0
    args: [2.5e-05]
---*/
const print = vmImport(1);
vmExport(0, (x) => {
  print(x);
  print('' + x);
  return x;
});
