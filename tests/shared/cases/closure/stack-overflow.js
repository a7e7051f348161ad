/*---
description: >-
  deep recursion past the 4 KiB guest stack is MVM_E_STACK_OVERFLOW (a
  Microvium limit); the VM stays usable
tags: [function, recursion, limits]
oracle: none
steps:
  - call: 0
    args: [100]
  - call: 0
    args: [100000]
  - call: 0
    args: [10]
---*/
function depth(n) { return n === 0 ? 0 : 1 + depth(n - 1); }
vmExport(0, (n) => depth(n));
