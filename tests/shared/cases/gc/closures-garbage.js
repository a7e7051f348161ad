/*---
description: closures created and dropped in a loop
tags: [gc, closure]
steps:
  - call: 0
    args: [5000]
  - heap
---*/
vmExport(0, (n) => {
  let total = 0;
  for (let i = 0; i < n; i++) {
    const f = ((k) => () => k * 2)(i);
    total += f();
  }
  return total;
});
