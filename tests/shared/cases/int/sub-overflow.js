/*---
description: int32 subtraction that underflows past -2^31 continues as a double
tags: [int32, overflow]
steps:
  - call: 0
    args: [-2147483648, 1]
  - call: 0
    args: [0, -2147483648]
  - call: 0
    args: [2147483647, -2147483648]
---*/
vmExport(0, (a, b) => a - b);
