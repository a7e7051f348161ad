/*---
description: >-
  ** with integer operands, exact up to 2^53
tags: [pow]
steps:
  - call: 0
    args: [2, 10]
  - call: 0
    args: [2, 31]
  - call: 0
    args: [2, 32]
  - call: 0
    args: [2, 53]
  - call: 0
    args: [2, 64]
  - call: 0
    args: [3, 33]
  - call: 0
    args: [10, 15]
  - call: 0
    args: [-2, 31]
  - call: 0
    args: [7, 0]
---*/
vmExport(0, (a, b) => a ** b);
