/*---
description: >-
  ** overflowing and underflowing
tags: [pow, infinity, subnormal]
steps:
  - call: 0
    args: [2, 1024]
  - call: 0
    args: [10, 308]
  - call: 0
    args: [10, 309]
  - call: 0
    args: [2, -1075]
  - call: 0
    args: [10, -323]
  - call: 0
    args: [10, -324]
---*/
vmExport(0, (a, b) => a ** b);
