/*---
description: a top-level array mutated by several calls
tags: [array, state]
steps:
  - call: 0
    args: ["x"]
  - call: 0
    args: ["y"]
  - call: 1
  - call: 0
    args: ["z"]
  - call: 1
---*/
const items = [];
vmExport(0, (v) => { items.push(v); });
vmExport(1, () => [items.length, items]);
