/*---
description: iterative Fibonacci past the int32 range
tags: [int32, overflow]
steps:
  - call: 0
    args: [46]
  - call: 0
    args: [47]
  - call: 0
    args: [78]
  - call: 0
    args: [79]
---*/
vmExport(0, (n) => {
  let a = 0;
  let b = 1;
  for (let i = 0; i < n; i++) {
    const t = a + b;
    a = b;
    b = t;
  }
  return a;
});
