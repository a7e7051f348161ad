/*---
description: numbers interpolated into template literals
tags: [number-to-string, string]
steps:
  - call: 0
    args: [0.1, 1e+21]
  - call: 0
    args: [-0.0, 5e-324]
---*/
vmExport(0, (a, b) => `a=${a} b=${b} sum=${a + b}`);
