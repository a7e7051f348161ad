/*---
description: >-
  the gas limit applies to each call separately: short calls pass, a long one
  stops (Microvium-specific)
tags: [gas, limits]
oracle: none
steps:
  - gas: 2000
  - call: 0
    args: [10]
  - call: 0
    args: [10]
  - call: 0
    args: [100000]
  - call: 0
    args: [10]
---*/
vmExport(0, (n) => { let s = 0; for (let i = 0; i < n; i++) s += i; return s; });
