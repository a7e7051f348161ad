/*---
description: >-
  TRICKY: '-0' converts to -0 (print shows 0, the return line -0)
tags: [string-to-number, negative-zero]
steps:
  - call: 0
    args: ["-0"]
  - call: 0
    args: ["-0.0"]
  - call: 0
    args: ["-0e5"]
  - call: 0
    args: ["0"]
  - call: 0
    args: ["+0"]
---*/
const print = vmImport(1);
vmExport(0, (s) => {
  const x = +s;
  print(x);
  return x;
});
