/*---
description: quotients with long expansions
tags: [float, number-to-string]
steps:
  - call: 0
    args: [1, 3]
  - call: 0
    args: [2, 3]
  - call: 0
    args: [1, 7]
  - call: 0
    args: [22, 7]
  - call: 0
    args: [1, 49]
  - call: 0
    args: [100, 3]
---*/
const print = vmImport(1);
vmExport(0, (a, b) => { print(a / b); return a / b; });
