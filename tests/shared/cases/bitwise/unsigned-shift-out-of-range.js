/*---
description: >-
  x>>>0 on out-of-range and negative values
tags: [bitwise, touint32]
steps:
  - call: 0
    args: [-1]
  - call: 0
    args: [-2147483648]
  - call: 0
    args: [4294967296]
  - call: 0
    args: [4294967297]
  - call: 0
    args: [-4294967297]
  - call: 0
    args: [1e+20]
  - call: 0
    args: [2.5]
  - call: 0
    args: [-2.5]
  - call: 0
    args: [.nan]
  - call: 0
    args: [.inf]
  - call: 0
    args: [-0.0]
---*/
vmExport(0, (x) => x >>> 0);
