/*---
description: >-
  int32 % takes the sign of the dividend
tags: [int32, remainder]
steps:
  - call: 0
    args: [7, 3]
  - call: 0
    args: [-7, 3]
  - call: 0
    args: [7, -3]
  - call: 0
    args: [-7, -3]
  - call: 0
    args: [6, 3]
  - call: 0
    args: [5, 0]
  - call: 0
    args: [-2147483648, 3]
  - call: 0
    args: [2147483647, -2]
---*/
vmExport(0, (a, b) => a % b);
