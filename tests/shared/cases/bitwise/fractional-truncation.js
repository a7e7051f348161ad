/*---
description: bitwise operators truncate toward zero
tags: [bitwise, toint32]
steps:
  - call: 0
    args: [0.9]
  - call: 0
    args: [-0.9]
  - call: 0
    args: [1.9999999999999998]
  - call: 0
    args: [-2147483648.5]
  - call: 0
    args: [2147483647.9]
---*/
vmExport(0, (x) => [x | 0, x >>> 0, x >> 1]);
