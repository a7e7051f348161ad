/*---
description: a snapshot taken after heavy garbage churn and a GC captures only the live state
tags: [snapshot, gc, heap]
steps:
  - call: 0
    args: [5000]
  - gc
  - heap
  - snapshot
  - heap
  - call: 1
---*/
let keep = [];
vmExport(0, (n) => {
  for (let i = 0; i < n; i++) {
    const t = { i: i, d: i * 0.5 };
    if (i % 1000 === 0) keep.push(t);
  }
  return keep.length;
});
vmExport(1, () => keep);
