/*---
description: >-
  a live set of about 15 KB of doubles (the heap limit is 28 KB) while
  churning garbage: collections must keep working near the limit. Arrays stay
  under 1,024 elements (longer ones are MVM_E_ARRAY_TOO_LONG).
tags: [gc, heap, limits]
steps:
  - call: 0
    args: [12, 100]
  - heap
  - call: 1
    args: [5000]
  - heap
  - call: 2
---*/
const live = [];
vmExport(0, (chunks, size) => {
  for (let c = 0; c < chunks; c++) {
    const chunk = [];
    for (let i = 0; i < size; i++) chunk.push(c * size + i + 0.5);
    live.push(chunk);
  }
  return live.length;
});
vmExport(1, (n) => {
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const t = [i, i];
    sum += t[1];
  }
  return sum;
});
vmExport(2, () => [live.length, live[0][0], live[live.length - 1][99]]);
