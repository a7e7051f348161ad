/*---
description: the Infinity literal with and without a sign
tags: [string-to-number, infinity]
steps:
  - call: 0
    args: ["Infinity"]
  - call: 0
    args: ["+Infinity"]
  - call: 0
    args: ["-Infinity"]
  - call: 0
    args: [" Infinity "]
---*/
const print = vmImport(1);
vmExport(0, (s) => {
  const x = +s;
  print(x);
  return x;
});
