/*---
description: >-
  ** with fractional and negative exponents where V8 and a correctly rounded
  pow agree
tags: [pow]
steps:
  - call: 0
    args: [2, 0.5]
  - call: 0
    args: [10, -1]
  - call: 0
    args: [10, -2]
  - call: 0
    args: [8, 0.3333333333333333]
  - call: 0
    args: [2, -1074]
  - call: 0
    args: [0.5, 0.5]
  - call: 0
    args: [1.5, 2.5]
---*/
vmExport(0, (a, b) => a ** b);
