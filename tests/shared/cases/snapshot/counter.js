/*---
description: a counter incremented before a snapshot continues from the same value after it
tags: [snapshot, state]
steps:
  - call: 0
  - call: 0
  - snapshot
  - call: 0
  - call: 1
---*/
let n = 0;
vmExport(0, () => { n++; return n; });
vmExport(1, () => n * 100);
