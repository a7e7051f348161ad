/*---
description: negative doubles in fixed and exponent notation
tags: [number-to-string]
steps:
  - call: 0
    args: [-1.5]
  - call: 0
    args: [-1e-06]
  - call: 0
    args: [-1e-07]
  - call: 0
    args: [-1e+21]
  - call: 0
    args: [-123.456]
  - call: 0
    args: [-5e-324]
---*/
const print = vmImport(1);
vmExport(0, (x) => {
  print(x);
  print('<' + x + '>');
  return x;
});
