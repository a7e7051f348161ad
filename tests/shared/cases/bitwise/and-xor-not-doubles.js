/*---
description: >-
  &, ^ and ~ on doubles outside the int32 range
tags: [bitwise, toint32]
steps:
  - call: 0
    args: [4294967301, 3]
  - call: 0
    args: [-10000000000.0, 255]
  - call: 0
    args: [1e+19, -1]
---*/
vmExport(0, (a, b) => [a & b, a ^ b, ~a, a | b]);
