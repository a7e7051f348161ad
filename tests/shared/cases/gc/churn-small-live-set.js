/*---
description: allocating 20,000 short-lived arrays keeps the heap small; heap lines report it after a GC
tags: [gc, heap]
steps:
  - heap
  - call: 0
    args: [20000]
  - heap
  - gc
  - call: 1
---*/
let keep = [];
vmExport(0, (n) => {
  let last = null;
  for (let i = 0; i < n; i++) last = [i, i + 1, { v: i }];
  keep = last;
  return last[2].v;
});
vmExport(1, () => keep);
