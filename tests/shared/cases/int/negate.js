/*---
description: negating 0 gives -0 and negating -2^31 leaves the int32 range
tags: [int32, negative-zero]
steps:
  - call: 0
    args: [0]
  - call: 0
    args: [-2147483648]
  - call: 0
    args: [2147483647]
  - call: 0
    args: [5]
---*/
vmExport(0, (a) => -a);
