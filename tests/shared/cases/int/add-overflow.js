/*---
description: int32 addition that overflows past 2^31-1 continues as a double
tags: [int32, overflow]
steps:
  - call: 0
    args: [2147483647, 1]
  - call: 0
    args: [2147483647, 2147483647]
  - call: 0
    args: [-2147483648, -1]
---*/
vmExport(0, (a, b) => a + b);
