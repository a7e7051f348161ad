/*---
description: nested template literals with expressions
tags: [string]
steps:
  - call: 0
    args: [3, "x"]
---*/
vmExport(0, (n, s) => `outer ${`inner ${n * 2} ${s}`} ${n > 2 ? `big ${n}` : 'small'}`);
