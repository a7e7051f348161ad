/*---
description: a top-level object mutated by several calls keeps its key order
tags: [object, state]
steps:
  - call: 0
    args: ["x", 1]
  - call: 0
    args: ["y", 2]
  - call: 0
    args: ["x", 3]
  - call: 1
---*/
const store = {};
vmExport(0, (k, v) => { store[k] = v; });
vmExport(1, () => store);
