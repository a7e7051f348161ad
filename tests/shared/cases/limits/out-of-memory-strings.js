/*---
description: concatenating into a kept list of strings until the heap is exhausted (Microvium-specific)
tags: [oom, limits, fatal]
oracle: none
steps:
  - call: 0
---*/
const keep = [];
vmExport(0, () => {
  let s = 'seed';
  for (let i = 0; i < 100000; i++) {
    s = s + i;
    keep.push(s);
  }
  return keep.length;
});
