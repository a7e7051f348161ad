/*---
description: the largest doubles
tags: [number-to-string]
steps:
  - call: 0
    args: [1.7976931348623157e+308]
  - call: 0
    args: [1.7976931348623155e+308]
  - call: 0
    args: [8.98846567431158e+307]
---*/
const print = vmImport(1);
vmExport(0, (x) => {
  print(x);
  print('<' + x + '>');
  return x;
});
