/*---
description: int32 division that is exact stays integral; otherwise a double
tags: [int32, division]
steps:
  - call: 0
    args: [10, 2]
  - call: 0
    args: [10, 4]
  - call: 0
    args: [1, 3]
  - call: 0
    args: [-7, 2]
  - call: 0
    args: [-2147483648, -1]
---*/
vmExport(0, (a, b) => a / b);
