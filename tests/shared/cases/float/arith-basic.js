/*---
description: the four operations on doubles
tags: [float]
steps:
  - call: 0
    args: [1.5, 0.25]
  - call: 0
    args: [-2.75, 3.5]
  - call: 0
    args: [1e+308, 10]
  - call: 0
    args: [5e-324, 2]
---*/
vmExport(0, (a, b) => [a + b, a - b, a * b, a / b]);
