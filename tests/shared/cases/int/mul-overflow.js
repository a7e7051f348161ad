/*---
description: int32 products past the int32 range, and 46341 squared just past it
tags: [int32, overflow]
steps:
  - call: 0
    args: [46341, 46341]
  - call: 0
    args: [65536, 65536]
  - call: 0
    args: [-2147483648, -1]
  - call: 0
    args: [46340, 46340]
---*/
vmExport(0, (a, b) => a * b);
