/*---
description: >-
  % special cases: zero divisors, infinities, NaN and signed zero results
tags: [mod, nan, negative-zero]
steps:
  - call: 0
    args: [5, 0.0]
  - call: 0
    args: [.inf, 2]
  - call: 0
    args: [5.5, .inf]
  - call: 0
    args: [-5.5, .inf]
  - call: 0
    args: [.nan, 1]
  - call: 0
    args: [-4.5, 1.5]
  - call: 0
    args: [-0.0, 1]
  - call: 0
    args: [0.5, -0.0]
---*/
vmExport(0, (a, b) => a % b);
