/*---
description: >-
  TRICKY: +'42.5' stopped the stock engine with an assertion (patched:
  0003-string-to-number)
tags: [string-to-number]
steps:
  - call: 0
    args: ["42.5"]
  - call: 0
    args: ["0.1"]
  - call: 0
    args: ["-0.5"]
  - call: 0
    args: ["3.14159"]
  - call: 0
    args: [".5"]
  - call: 0
    args: ["5."]
  - call: 0
    args: ["+7.25"]
---*/
const print = vmImport(1);
vmExport(0, (s) => {
  const x = +s;
  print(x);
  return x;
});
