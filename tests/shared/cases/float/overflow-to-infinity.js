/*---
description: doubles overflowing to the infinities
tags: [float, infinity]
steps:
  - call: 0
    args: [1.7976931348623157e+308]
  - call: 0
    args: [-1.7976931348623157e+308]
---*/
vmExport(0, (x) => [x * 2, x + x, x * -2, x / 0.5]);
