/*---
description: large integral doubles print all digits below 1e21
tags: [number-to-string]
steps:
  - call: 0
    args: [4294967296]
  - call: 0
    args: [4294967297]
  - call: 0
    args: [1099511627776]
  - call: 0
    args: [281474976710655]
  - call: 0
    args: [18446744073709552000]
  - call: 0
    args: [123456789012345678]
---*/
const print = vmImport(1);
vmExport(0, (x) => {
  print(x);
  print('<' + x + '>');
  return x;
});
