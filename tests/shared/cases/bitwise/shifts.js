/*---
description: shift counts are taken modulo 32
tags: [bitwise]
steps:
  - call: 0
    args: [1, 31]
  - call: 0
    args: [1, 32]
  - call: 0
    args: [1, 33]
  - call: 0
    args: [-1, 31]
  - call: 0
    args: [-8, 1]
  - call: 0
    args: [2147483647, 1]
  - call: 0
    args: [5, -1]
---*/
vmExport(0, (a, n) => [a << n, a >> n, a >>> n]);
