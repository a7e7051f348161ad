/*---
description: cyclic structures are collected once unreachable
tags: [gc, heap]
steps:
  - call: 0
    args: [300]
  - heap
  - call: 1
  - heap
---*/
let ring = null;
vmExport(0, (n) => {
  const first = { id: 0, next: null };
  let cur = first;
  for (let i = 1; i < n; i++) { const node = { id: i, next: null }; cur.next = node; cur = node; }
  cur.next = first;
  ring = first;
  return ring.next.next.id;
});
vmExport(1, () => { ring = null; });
