/*---
description: strings that are not numeric literals give NaN
tags: [string-to-number]
steps:
  - call: 0
    args: ["abc"]
  - call: 0
    args: ["12px"]
  - call: 0
    args: ["1_000"]
  - call: 0
    args: ["1,5"]
  - call: 0
    args: ["--1"]
  - call: 0
    args: ["1e"]
  - call: 0
    args: ["e1"]
  - call: 0
    args: ["."]
  - call: 0
    args: ["+"]
  - call: 0
    args: ["0x1.8"]
  - call: 0
    args: ["Infinity1"]
  - call: 0
    args: ["infinity"]
---*/
const print = vmImport(1);
vmExport(0, (s) => {
  const x = +s;
  print(x);
  return x;
});
