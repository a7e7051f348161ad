/*---
description: >-
  TRICKY: -0 prints as 0 (print, concatenation) but encodes as -0 in return
  lines
tags: [number-to-string, negative-zero]
steps:
  - call: 0
    args: [-0.0]
  - call: 0
    args: [0.0]
---*/
const print = vmImport(1);
vmExport(0, (x) => {
  print(x);
  print('<' + x + '>');
  return x;
});
