/*---
description: >-
  ++ and -- at the int32 limits
tags: [int32, overflow]
steps:
  - call: 0
    args: [2147483647]
  - call: 1
    args: [-2147483648]
---*/
vmExport(0, (a) => { let x = a; x++; return x; });
vmExport(1, (a) => { let x = a; x--; return x; });
