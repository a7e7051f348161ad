/*---
description: class instances created at run time keep their fields and methods across a snapshot
tags: [snapshot, class]
steps:
  - call: 0
    args: ["a"]
  - call: 0
    args: ["b"]
  - snapshot
  - call: 0
    args: ["c"]
  - call: 1
---*/
class Stack {
  constructor() { this.items = []; }
  push(x) { this.items.push(x); return this.items.length; }
}
let s = null;
vmExport(0, (x) => { if (s === null) s = new Stack(); return s.push(x); });
vmExport(1, () => s.items);
