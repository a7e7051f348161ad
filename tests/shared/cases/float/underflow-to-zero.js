/*---
description: doubles underflowing through the subnormals to zero and -0
tags: [float, subnormal, negative-zero]
steps:
  - call: 0
    args: [5e-324]
  - call: 0
    args: [2.2250738585072014e-308]
  - call: 0
    args: [-5e-324]
---*/
vmExport(0, (x) => [x / 2, x / 3, x * 0.5, x / 4503599627370496]);
