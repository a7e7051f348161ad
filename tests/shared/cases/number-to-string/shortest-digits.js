/*---
description: values whose shortest round-trip representation needs 16 or 17 digits
tags: [number-to-string]
steps:
  - call: 0
    args: [0.30000000000000004]
  - call: 0
    args: [0.3333333333333333]
  - call: 0
    args: [0.6666666666666666]
  - call: 0
    args: [0.7999999999999999]
  - call: 0
    args: [1.0000000000000002]
  - call: 0
    args: [0.9999999999999999]
  - call: 0
    args: [4.35]
  - call: 0
    args: [5e-10]
---*/
const print = vmImport(1);
vmExport(0, (x) => {
  print(x);
  print('<' + x + '>');
  return x;
});
