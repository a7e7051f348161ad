/*---
description: strings holding int32 and larger integers
tags: [string-to-number]
steps:
  - call: 0
    args: ["0"]
  - call: 0
    args: ["7"]
  - call: 0
    args: ["-2147483648"]
  - call: 0
    args: ["2147483647"]
  - call: 0
    args: ["2147483648"]
  - call: 0
    args: ["4294967296"]
  - call: 0
    args: ["00012"]
  - call: 0
    args: ["-00"]
---*/
const print = vmImport(1);
vmExport(0, (s) => {
  const x = +s;
  print(x);
  return x;
});
