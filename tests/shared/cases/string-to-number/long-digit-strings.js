/*---
description: more digits than a double holds must still round correctly
tags: [string-to-number]
steps:
  - call: 0
    args: ["12345678901234567890"]
  - call: 0
    args: ["0.30000000000000004441"]
  - call: 0
    args: ["9007199254740993"]
  - call: 0
    args: ["9007199254740993.0000000001"]
  - call: 0
    args: ["3.141592653589793238462643383279"]
  - call: 0
    args: ["0.000000000000000000000000000001234567890123456789"]
  - call: 0
    args: ["123456789012345678901234567890e-10"]
---*/
const print = vmImport(1);
vmExport(0, (s) => {
  const x = +s;
  print(x);
  return x;
});
