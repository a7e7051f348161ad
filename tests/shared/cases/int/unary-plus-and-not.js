/*---
description: unary operators on int32 values
tags: [int32]
steps:
  - call: 0
    args: [5]
  - call: 0
    args: [0]
  - call: 0
    args: [-1]
---*/
vmExport(0, (a) => [+a, -a, ~a, !a, typeof a]);
