/*---
description: a linked list built from class instances
tags: [class, gc]
steps:
  - call: 0
    args: [10]
---*/
class Node {
  constructor(v, next) { this.v = v; this.next = next; }
}
vmExport(0, (n) => {
  let head = null;
  for (let i = 0; i < n; i++) head = new Node(i, head);
  const out = [];
  for (let p = head; p !== null; p = p.next) out.push(p.v);
  return out;
});
