/*---
description: >-
  TRICKY: 1e21 is the first power of ten printed with an exponent; 1e21 -
  65536 is not
tags: [number-to-string, exponent]
steps:
  - call: 0
    args: [1e+20]
  - call: 0
    args: [1e+21]
  - call: 0
    args: [9.999999999999999e+20]
  - call: 0
    args: [1.2345e+21]
  - call: 0
    args: [1.2345678901234568e+20]
  - call: 0
    args: [9.999999999999999e+20]
---*/
const print = vmImport(1);
vmExport(0, (x) => {
  print(x);
  print('<' + x + '>');
  return x;
});
