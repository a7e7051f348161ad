/*---
description: comparisons between int32 and double values near the int32 limits
tags: [int32, compare]
steps:
  - call: 0
    args: [2147483647, 2147483648]
  - call: 0
    args: [-2147483648, -2147483648.5]
  - call: 0
    args: [1, 1.0]
  - call: 0
    args: [3, 2.9999999999999996]
---*/
vmExport(0, (a, b) => [a < b, a <= b, a > b, a >= b, a === b, a !== b]);
