/*---
description: NaN, the infinities and -0 convert to 0 for bitwise operators
tags: [bitwise, toint32]
steps:
  - call: 0
    args: [.nan]
  - call: 0
    args: [.inf]
  - call: 0
    args: [-.inf]
  - call: 0
    args: [-0.0]
---*/
vmExport(0, (x) => [x | 0, x >>> 0, x & -1, ~x, x << 1, x >> 1]);
