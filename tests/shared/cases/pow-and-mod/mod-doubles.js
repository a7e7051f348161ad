/*---
description: >-
  % on doubles (fmod semantics, exact)
tags: [mod]
steps:
  - call: 0
    args: [5.5, 2]
  - call: 0
    args: [-5.5, 2]
  - call: 0
    args: [5.5, -2]
  - call: 0
    args: [0.3, 0.1]
  - call: 0
    args: [1e+20, 3]
  - call: 0
    args: [1e+308, 1e-308]
  - call: 0
    args: [10, 0.1]
  - call: 0
    args: [7.25, 0.5]
---*/
vmExport(0, (a, b) => a % b);
