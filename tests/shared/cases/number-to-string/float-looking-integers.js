/*---
description: doubles with integral values print without a decimal point
tags: [number-to-string]
steps:
  - call: 0
    args: [1.0]
  - call: 0
    args: [100.0]
  - call: 0
    args: [2147483648.0]
  - call: 0
    args: [-2147483649.0]
  - call: 0
    args: [1000000000000000.0]
  - call: 0
    args: [1e+16]
---*/
const print = vmImport(1);
vmExport(0, (x) => {
  print(x);
  print('<' + x + '>');
  return x;
});
