/*---
description: integer division by zero gives the infinities and NaN, and -0 for 0 / -1
tags: [int32, division]
steps:
  - call: 0
    args: [1, 0]
  - call: 0
    args: [-1, 0]
  - call: 0
    args: [0, 0]
  - call: 0
    args: [0, -1]
---*/
vmExport(0, (a, b) => a / b);
