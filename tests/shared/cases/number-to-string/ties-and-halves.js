/*---
description: binary fractions that print exactly
tags: [number-to-string]
steps:
  - call: 0
    args: [0.5]
  - call: 0
    args: [0.25]
  - call: 0
    args: [0.125]
  - call: 0
    args: [0.0625]
  - call: 0
    args: [1.5]
  - call: 0
    args: [2.75]
  - call: 0
    args: [0.001953125]
  - call: 0
    args: [1.52587890625e-05]
---*/
const print = vmImport(1);
vmExport(0, (x) => {
  print(x);
  print('<' + x + '>');
  return x;
});
