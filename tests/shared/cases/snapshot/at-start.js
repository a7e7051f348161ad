/*---
description: a snapshot before any call captures the compiled state unchanged
tags: [snapshot]
steps:
  - snapshot
  - call: 0
  - snapshot
  - call: 0
---*/
let n = 10;
vmExport(0, () => { n += 5; return n; });
