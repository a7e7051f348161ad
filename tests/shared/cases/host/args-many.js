/*---
description: a call with 12 arguments
tags: [host, args]
steps:
  - call: 0
    args: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]
---*/
vmExport(0, (a, b, c, d, e, f, g, h, i, j, k, l) => [a, b, c, d, e, f, g, h, i, j, k, l]);
