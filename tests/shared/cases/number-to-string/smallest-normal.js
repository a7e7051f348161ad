/*---
description: the smallest normal double and its neighbours
tags: [number-to-string]
steps:
  - call: 0
    args: [2.2250738585072014e-308]
  - call: 0
    args: [2.225073858507202e-308]
  - call: 0
    args: [2.225073858507202e-308]
---*/
const print = vmImport(1);
vmExport(0, (x) => {
  print(x);
  print('<' + x + '>');
  return x;
});
