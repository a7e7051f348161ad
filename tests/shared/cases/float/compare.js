/*---
description: double comparisons including NaN and the infinities (-0 against 0 is in quirks/)
tags: [float, compare]
steps:
  - call: 0
    args: [0.1, 0.2]
  - call: 0
    args: [0.5, 0.5]
  - call: 0
    args: [.nan, 1.0]
  - call: 0
    args: [.inf, 1.7976931348623157e+308]
---*/
vmExport(0, (a, b) => [a < b, a <= b, a > b, a >= b, a === b]);
