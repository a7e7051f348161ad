/*---
description: >-
  the instruction count of a fixed loop: a limit just below it stops the call,
  one above lets it finish (Microvium-specific)
tags: [gas, limits]
oracle: none
steps:
  - gas: 60
  - call: 0
    args: [5]
  - gas: 200
  - call: 0
    args: [5]
  - gas: 1
  - call: 0
    args: [0]
  - gas: off
  - call: 0
    args: [5]
---*/
vmExport(0, (n) => { let s = 0; for (let i = 0; i < n; i++) s += i; return s; });
