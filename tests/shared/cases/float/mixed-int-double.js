/*---
description: int32 and double operands mixed in one expression
tags: [float, int32]
steps:
  - call: 0
    args: [3, 0.5]
  - call: 0
    args: [2147483647, 0.5]
  - call: 0
    args: [-1, 1e-300]
---*/
vmExport(0, (i, d) => [i + d, i * d, i - d, i / d, d - i]);
