/*---
description: 0.1 + 0.2 prints the 17 significant digits of the shortest round trip
tags: [float, number-to-string]
steps:
  - call: 0
    args: [0.1, 0.2]
  - call: 0
    args: [0.1, 0.7]
  - call: 0
    args: [1.1, 2.2]
  - call: 0
    args: [0.3, 0.6]
---*/
const print = vmImport(1);
vmExport(0, (a, b) => { print(a + b); return a + b; });
