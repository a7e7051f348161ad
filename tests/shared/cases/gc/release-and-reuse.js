/*---
description: dropping a large structure frees its memory for the next one (heap before, during, after)
tags: [gc, heap]
steps:
  - heap
  - call: 0
    args: [400]
  - heap
  - call: 1
  - heap
  - call: 0
    args: [400]
  - heap
---*/
let big = null;
vmExport(0, (n) => {
  big = [];
  for (let i = 0; i < n; i++) big.push({ i: i, s: 'x' + i });
  return big.length;
});
vmExport(1, () => { big = null; });
