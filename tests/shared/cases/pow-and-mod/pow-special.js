/*---
description: >-
  ** special cases: NaN, infinities, zeros and negative bases
tags: [pow, nan, infinity]
steps:
  - call: 0
    args: [.nan, 0]
  - call: 0
    args: [1, .inf]
  - call: 0
    args: [0, -1]
  - call: 0
    args: [-0.0, -1]
  - call: 0
    args: [-0.0, -2]
  - call: 0
    args: [-8, 0.3333333333333333]
  - call: 0
    args: [-.inf, 3]
  - call: 0
    args: [-.inf, -3]
  - call: 0
    args: [0, 0]
  - call: 0
    args: [-1, .inf]
---*/
vmExport(0, (a, b) => a ** b);
