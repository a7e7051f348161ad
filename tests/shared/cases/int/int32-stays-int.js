/*---
description: mixed int and double arithmetic returning to integral values
tags: [int32, float]
steps:
  - call: 0
    args: [2.5, 2]
  - call: 0
    args: [0.5, 4]
  - call: 0
    args: [10000000000.0, 1e-10]
---*/
vmExport(0, (a, b) => [a * b, a * b + 1, (a * b) | 0]);
