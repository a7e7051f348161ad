/*---
description: >-
  TRICKY: 1e-7 is the first small power of ten printed with an exponent;
  0.000001 is not
tags: [number-to-string, exponent]
steps:
  - call: 0
    args: [1e-06]
  - call: 0
    args: [1e-07]
  - call: 0
    args: [1.5e-07]
  - call: 0
    args: [9.99999e-07]
  - call: 0
    args: [1.2345e-06]
  - call: 0
    args: [1.2345e-07]
---*/
const print = vmImport(1);
vmExport(0, (x) => {
  print(x);
  print('<' + x + '>');
  return x;
});
