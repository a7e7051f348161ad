/*---
description: >-
  integer parts through x|0, x>>0 and subtracting the remainder
tags: [float, bitwise]
steps:
  - call: 0
    args: [3.7]
  - call: 0
    args: [-3.7]
  - call: 0
    args: [0.5]
  - call: 0
    args: [-0.5]
  - call: 0
    args: [1000000000.5]
---*/
vmExport(0, (x) => [x | 0, x >> 0, x - (x % 1), ~~x]);
