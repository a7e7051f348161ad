/*---
description: fmod with a huge dividend and a tiny divisor must be exact
tags: [mod]
steps:
  - call: 0
    args: [1.7976931348623157e+308, 3]
  - call: 0
    args: [1e+300, 7.5]
  - call: 0
    args: [123456789.123, 0.001]
  - call: 0
    args: [5e-324, 5e-324]
---*/
vmExport(0, (a, b) => a % b);
